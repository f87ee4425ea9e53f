"""Admin-site imports: upload a file, preview exactly what would change, confirm. Nothing is saved before that.

The preview and the confirmation run the same service with the same checks (dry_run or not), so a file the preview
accepts is saved as shown; a file that is refused re-renders the page with the reason, never a server error.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from core.importing.files import ImportFel


class PreviewImportMixin:
    """A ModelAdmin mixin. Subclasses set import_form_class, import_template, import_title and implement
    run_import(request, content, filnamn, dry_run) (the same service as the command line) and done_message(result).
    """

    import_form_class = None
    import_template = ""
    import_title = ""

    def may_import(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def run_import(self, request, content: bytes, filnamn: str, dry_run: bool):
        raise NotImplementedError

    def done_message(self, result) -> str:
        raise NotImplementedError

    def _names(self) -> tuple[str, str]:
        meta = self.model._meta
        return f"{meta.app_label}_{meta.model_name}_importera", f"admin:{meta.app_label}_{meta.model_name}_changelist"

    def get_urls(self):
        importera, _changelist = self._names()
        return [path("importera/", self.admin_site.admin_view(self.import_view), name=importera)] + super().get_urls()

    def import_view(self, request):
        importera, changelist = self._names()
        session_key = f"import_{importera}"
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "title": self.import_title}
        if not self.may_import(request):
            messages.error(request, _("Du saknar behörighet att importera."))
            return redirect(changelist)
        if request.method == "POST" and "bekrafta" in request.POST:
            # Taken out of the session at once (it is used once either way), so the file is held only as bytes
            # while it is imported, not also as the session's text.
            stored = request.session.pop(session_key, None)
            if not stored:
                messages.error(request, _("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
                return redirect(f"admin:{importera}")
            filnamn, content = stored["filnamn"], stored.pop("content").encode("latin-1")
            try:
                result = self.run_import(request, content, filnamn, False)
            except ImportFel as exc:
                context.update(form=self.import_form_class(), fel=exc.fel, filfel=exc.filfel)
                return render(request, self.import_template, context)
            except ValidationError as exc:
                # A rule a service checks only when it saves (e.g. a year locked since the preview): nothing saved.
                context.update(form=self.import_form_class(), filfel=" ".join(exc.messages))
                return render(request, self.import_template, context)
            messages.success(request, self.done_message(result))
            return redirect(changelist)
        form = self.import_form_class(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["fil"]
            content = upload.read()
            try:
                result = self.run_import(request, content, upload.name, True)
            except ImportFel as exc:
                request.session.pop(session_key, None)  # an older preview must not be confirmed by mistake
                context.update(form=form, fel=exc.fel, filfel=exc.filfel)
                return render(request, self.import_template, context)
            except ValidationError as exc:
                request.session.pop(session_key, None)
                context.update(form=form, filfel=" ".join(exc.messages))
                return render(request, self.import_template, context)
            # latin-1 maps every byte to one code point, so any file survives the JSON session round trip.
            request.session[session_key] = {"content": content.decode("latin-1"), "filnamn": upload.name}
            context.update(form=None, resultat=result, filnamn=upload.name)
            return render(request, self.import_template, context)
        context.update(form=form)
        return render(request, self.import_template, context)
