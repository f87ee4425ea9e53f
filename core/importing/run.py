"""One import from file to record: read, plan, preview or apply, record. Every import goes through run_import."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from core import dataversion
from core.importing.files import Rad, history_user, iter_rows, read_rows
from core.services import importkorning_create


@dataclass(frozen=True)
class Kolumner:
    """The columns of an import's file: required, optional and other spellings people use for them."""

    krav: set[str]
    val: set[str] = field(default_factory=set)
    alias: dict[str, str] = field(default_factory=dict)


@dataclass
class Andringar:
    """What an apply step changed, for the import record: how many figures and a summary (JSON)."""

    antal: int
    sammanfattning: list | dict


def run_import(
    *,
    typ: str,
    kolumner: Kolumner,
    content: bytes,
    filnamn: str,
    user,
    dry_run: bool,
    plan: Callable[[list[Rad]], Any] | Callable[[Iterator[Rad]], Any],
    apply: Callable[[Any, Any], Andringar],
    resultat: Callable[[Any], Any] = lambda p: p.resultat,
    stream_rows: bool = False,
):
    """Read the file, plan it (the app's rules; ImportFel with every error), and unless dry_run apply the plan and
    record the import, all in one transaction: all rows or none. Returns resultat(plan), the preview's content.

    The history of every change names user (as the browser's saves do), and so does the import record. With
    stream_rows, plan gets the rows as they are read (an iterator, the file's errors raised at its end), so a
    national file is never held as rows; otherwise a list.
    """
    with transaction.atomic():
        rows = (iter_rows if stream_rows else read_rows)(
            content, filnamn, kolumner.krav, kolumner.val, alias=kolumner.alias
        )
        planerat = plan(rows)
        if dry_run:
            return resultat(planerat)
        user = user if user is not None and getattr(user, "is_authenticated", False) else None
        with history_user(user):
            andringar = apply(planerat, user)
        dataversion.bump()  # every import writes in bulk, which sends no signals: the statistics must see it
        importkorning_create(
            typ=typ,
            user=user,
            filnamn=filnamn,
            content=content,
            antal=andringar.antal,
            andringar=andringar.sammanfattning,
        )
        return resultat(planerat)
