"""Admin-site imports: upload a file, preview exactly what would change, confirm. Nothing is saved before that.

The preview and the confirmation run the same service with the same checks (dry_run or not), so a file the preview
accepts is saved as shown; a file that is refused re-renders the page with the reason, never a server error.
"""

import datetime
import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from core.importing.files import ImportFel

# A previewed file waits for its confirmation in the default storage (never served), not in the session: a national
# file in the session would be held several times over (text, JSON, compressed, signed) by every request reading
# it. The session names the file; a preview never confirmed is removed a day later.
VANTANDE = "importer/"
GAMMAL = datetime.timedelta(days=1)


def _keep(content: bytes) -> str:
    """Store a previewed file until it is confirmed; its name in the default storage."""
    _forget_old()
    return default_storage.save(f"{VANTANDE}{secrets.token_hex(16)}", ContentFile(content))


def _take(stored: dict | None) -> bytes | None:
    """The previewed file a session names, removed from the storage; None if there is none (any more)."""
    name = (stored or {}).get("fil")
    if not name:
        return None
    try:
        with default_storage.open(name) as fil:
            return fil.read()
    except FileNotFoundError:
        return None
    finally:
        default_storage.delete(name)


def _drop(stored: dict | None) -> None:
    if stored and stored.get("fil"):
        default_storage.delete(stored["fil"])


def _forget_old() -> None:
    """Remove previewed files older than a day (the preview was left, or its session ended)."""
    try:
        _dirs, names = default_storage.listdir(VANTANDE)
    except FileNotFoundError:
        return
    limit = timezone.now() - GAMMAL
    for name in names:
        try:
            if default_storage.get_modified_time(VANTANDE + name) < limit:
                default_storage.delete(VANTANDE + name)
        except FileNotFoundError:
            continue  # removed by another request meanwhile


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
            stored = request.session.pop(session_key, None)  # used once, whatever happens
            content = _take(stored)
            if content is None:
                messages.error(request, _("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
                return redirect(f"admin:{importera}")
            filnamn = stored["filnamn"]
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
            _drop(request.session.pop(session_key, None))  # an older preview must not be confirmed by mistake
            try:
                result = self.run_import(request, content, upload.name, True)
            except ImportFel as exc:
                context.update(form=form, fel=exc.fel, filfel=exc.filfel)
                return render(request, self.import_template, context)
            except ValidationError as exc:
                context.update(form=form, filfel=" ".join(exc.messages))
                return render(request, self.import_template, context)
            request.session[session_key] = {"fil": _keep(content), "filnamn": upload.name}
            context.update(form=None, resultat=result, filnamn=upload.name)
            return render(request, self.import_template, context)
        context.update(form=form)
        return render(request, self.import_template, context)
