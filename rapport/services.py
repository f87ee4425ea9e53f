"""Writes of the rapport app: uploading Försäkringskassan's Word template and choosing which one is used."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from rapport.mall import MallFel, las_mall
from rapport.models import RapportMall


@transaction.atomic
def rapport_mall_create(*, namn: str, filnamn: str, data: bytes, user) -> RapportMall:
    """Check the template (styles and fields) and make it the one in use; a bad template is refused unsaved."""
    try:
        las_mall(data)
    except MallFel as exc:
        raise ValidationError(exc.fel) from exc
    RapportMall.objects.filter(aktiv=True).update(aktiv=False)
    mall = RapportMall(namn=namn, uppladdad_av=user, aktiv=True)
    mall.fil.save(filnamn if filnamn.lower().endswith(".docx") else f"{filnamn}.docx", ContentFile(data), save=False)
    mall.full_clean()
    mall.save()
    return mall


@transaction.atomic
def rapport_mall_anvand_standard() -> None:
    """Go back to the repository's template (uploaded ones are kept, unused)."""
    RapportMall.objects.filter(aktiv=True).update(aktiv=False)
