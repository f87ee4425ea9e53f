"""The planner's statistics after a bulk write.

A national import writes tens of thousands of rows in one transaction. Until autovacuum analyses the tables,
PostgreSQL plans the next statements (the next import's reads, the pages' joins) for the row counts it last saw,
possibly an empty table, and may choose a nested loop that takes minutes instead of milliseconds. ANALYZE of the
written tables, in the import's own transaction, gives the planner the new counts when the import commits.
"""

from django.db import connection

# Fewer rows than this leave the statistics close enough (autovacuum analyses after 50 + 10 % of a table changes).
STORT = 1_000


def analyze(models, skrivna: int) -> None:
    """ANALYZE the models' tables (PostgreSQL) after a write of `skrivna` rows; nothing for a small write."""
    if connection.vendor != "postgresql" or skrivna < STORT:
        return
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        # The row counts are what the planner lacked; a small sample gives them (and takes a tenth of the time).
        cursor.execute("SELECT set_config('default_statistics_target', '10', true)")
        for model in models:
            cursor.execute(f"ANALYZE {qn(model._meta.db_table)}")  # noqa: S608 - a model's own table name
