"""Writes every app shares."""

import hashlib

from django.db import transaction

from core.models import Importkorning


@transaction.atomic
def importkorning_create(
    *, typ: str, user, filnamn: str, content: bytes, antal: int, andringar: list | dict
) -> Importkorning:
    """Record an accepted import: who, the file (name, size, checksum) and what it changed."""
    return Importkorning.objects.create(
        typ=typ,
        user=user if user is not None and user.is_authenticated else None,
        filnamn=filnamn[:255],
        storlek=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        antal=antal,
        andringar=andringar,
    )
