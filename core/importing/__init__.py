"""The import framework every file import uses (insatser, ekonomi, utfall, medlemskap): docs/adr/0003.

file (CSV/XLSX, `files.read_rows`) → rows (`files.Rad`) → the app's plan (its rules; `lookups.Uppslag` finds
förbund, kommun and region the same way in every import) → preview (dry run: the plan's result) → apply in one
transaction, as the importing person (history) → import record (`core.Importkorning`). `run.run_import` ties the
steps together; `command.ImportCommand` and `admin.PreviewImportMixin` are the command line and admin-site fronts.
Each app keeps only its columns, its plan and its apply step (`<app>/imports.py`).
"""
