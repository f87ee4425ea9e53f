"""The data version: one counter raised after every committed change to reported figures.

Whatever reads figures and is expensive (the national statistics) is cached under the version it was computed at
(`cached`), so a write anywhere makes the next read compute afresh: never a stale figure, never a manual flush.

- Ordinary writes (save, delete, many-to-many) of the apps that hold figures bump it through model signals,
  connected in `CoreConfig.ready` (`connect`).
- Bulk writes (bulk_create, bulk_update, QuerySet.update/delete) send no signals: their code calls `bump()`.

The bump runs in `transaction.on_commit`: a rolled back transaction changes nothing, and the counter's row is locked
only for the instant of the UPDATE, not for the whole writing transaction. A reader that reads the version before a
commit and the figures after it caches newer figures under the older version, which is harmless; figures are
never cached under a version newer than themselves.
"""

import datetime
import hashlib
import threading

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F, signals
from django.utils import translation

# The apps whose rows are reported figures or decide them (the registry's förbund and memberships, insatser and
# their yearly figures, the economy, outcomes, the reporting round's state).
APPS = ("forbund", "insatser", "ekonomi", "utfall", "rapportering")
# Rows in those apps that decide no figure (access rights, reminders sent).
IGNORERADE = {"forbund.behorighet", "rapportering.paminnelse"}
TIMEOUT = 24 * 60 * 60  # a cached figure that nobody read for a day is thrown away (it would still be right)


# Within one request the version is read once (a page caches several parts); never across requests.
_request = threading.local()


def _request_started(**kwargs):
    _request.active, _request.version = True, None


def _request_finished(**kwargs):
    _request.active, _request.version = False, None


def current(using: str = DEFAULT_DB_ALIAS) -> int:
    """The version now (one query, once per request)."""
    from core.models import DataVersion

    in_request = using == DEFAULT_DB_ALIAS and getattr(_request, "active", False)
    if in_request and _request.version is not None:
        return _request.version
    version = DataVersion.objects.using(using).values_list("varde", flat=True).first() or 0
    if in_request:
        _request.version = version
    return version


def _increment(using: str) -> None:
    from core.models import DataVersion

    _request.version = None
    if not DataVersion.objects.using(using).filter(pk=1).update(varde=F("varde") + 1):
        DataVersion.objects.using(using).get_or_create(pk=1, defaults={"varde": 1})


def bump(using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise the version once the current transaction commits (at once outside a transaction).

    One bump per transaction is enough: a second call in the same transaction adds nothing."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        getattr(entry[1], "dataversion", False) for entry in connection.run_on_commit
    ):
        return

    def increment():
        _increment(using)

    increment.dataversion = True
    transaction.on_commit(increment, using=using)


def _on_change(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    bump(using)


def _on_m2m_change(sender, action, using=DEFAULT_DB_ALIAS, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump(using)


# A user's name is shown with the changes they made (the histories, cached under the version too): a change of
# name raises it as well. Logins (last_login) and other saves of named fields only do not.
NAMNFALT = frozenset({"username", "first_name", "last_name"})


def _on_user_change(sender, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if update_fields is None or NAMNFALT & set(update_fields):
        bump(using)


def figure_models() -> list:
    """The models whose writes change reported figures (their history tables are only a record)."""
    result = []
    for label in APPS:
        if not apps.is_installed(label):
            continue
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in IGNORERADE or model.__name__.startswith("Historical"):
                continue
            result.append(model)
    return result


def connect() -> None:
    """Bump on every save and delete of a figure model and on every change of their many-to-many fields."""
    request_started.connect(_request_started, dispatch_uid="dataversion:request_started")
    request_finished.connect(_request_finished, dispatch_uid="dataversion:request_finished")
    signals.post_save.connect(_on_user_change, sender=get_user_model(), dispatch_uid="dataversion:user")
    for model in figure_models():
        uid = f"dataversion:{model._meta.label_lower}"
        signals.post_save.connect(_on_change, sender=model, dispatch_uid=uid)
        signals.post_delete.connect(_on_change, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            signals.m2m_changed.connect(_on_m2m_change, sender=field.remote_field.through, dispatch_uid=f"{uid}:m2m")


def _databas() -> tuple:
    """The database: a cache shared by two databases (a test run and the app, two benchmarks) must not mix them."""
    db = connections[DEFAULT_DB_ALIAS].settings_dict
    return db["NAME"], db["HOST"], db["PORT"]


def fragment_version() -> str:
    """The version and its database, for a template's {% cache %} key (pages cached as HTML under the version)."""
    return f"{current()}:{':'.join(str(d) for d in _databas())}"


def cached(namn: str, nyckel, compute):
    """compute(), cached under (name, the data version, nyckel, language, today's date).

    nyckel: the arguments, as something with a stable repr (a tuple of plain values). The language is in the key
    because the results hold translated texts; the date because some hold caveats about the current year."""
    delar = repr((nyckel, translation.get_language(), datetime.date.today().isoformat(), *_databas()))
    key = f"finsam:{namn}:{current()}:{hashlib.sha256(delar.encode()).hexdigest()[:32]}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
