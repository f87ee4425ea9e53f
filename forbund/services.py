"""Writes to the registry. Each public function is one transaction and validates before it saves."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forbund.models import Behorighet, Forbund, Kommun, Lan, Medlemskap, Roll

ONE_DAY = datetime.timedelta(days=1)


def _fmt(d: datetime.date | None) -> str:
    return d.isoformat() if d else ""


def _kommun_overlap_error(kommun: Kommun, other: Medlemskap) -> str:
    return _(
        "%(kommun)s är redan medlem i %(forbund)s under %(period)s; en kommun kan bara ingå i ett förbund åt gången."
    ) % {
        "kommun": kommun.namn,
        "forbund": other.forbund.namn,
        "period": other.period,
    }


@transaction.atomic
def medlemskap_create(
    *,
    forbund: Forbund,
    giltig_fran: datetime.date,
    giltig_till: datetime.date | None = None,
    kommun: Kommun | None = None,
    region: Lan | None = None,
    omfattning: str = "",
) -> Medlemskap:
    """Add a member; a kommun may be in at most one förbund on any day.

    The one exception: memberships for parts of a kommun (omfattning, e.g. Göteborg's city districts in 2013) may
    overlap other partial memberships of the kommun in other förbund, never a whole-kommun membership.
    """
    medlemskap = Medlemskap(
        forbund=forbund,
        kommun=kommun,
        region=region,
        giltig_fran=giltig_fran,
        giltig_till=giltig_till,
        omfattning=omfattning.strip(),
    )
    medlemskap.full_clean()
    if giltig_till and giltig_till < giltig_fran:
        raise ValidationError({"giltig_till": _("Slutdatum kan inte vara före startdatum.")})
    existing = Medlemskap.objects.select_for_update(of=("self",)).select_related("forbund")
    existing = existing.filter(kommun=kommun) if kommun else existing.filter(region=region, forbund=forbund)
    for other in existing:
        if other.overlaps(giltig_fran, giltig_till) and not (kommun and other.may_overlap(medlemskap)):
            if kommun:
                raise ValidationError(_kommun_overlap_error(kommun, other))
            raise ValidationError(
                _("Regionen är redan medlem i förbundet under %(period)s.") % {"period": other.period}
            )
    medlemskap.save()
    return medlemskap


@transaction.atomic
def medlemskap_end(*, medlemskap: Medlemskap, giltig_till: datetime.date) -> Medlemskap:
    """End a membership on giltig_till (the last day as member)."""
    if medlemskap.giltig_fran and giltig_till < medlemskap.giltig_fran:
        raise ValidationError({"giltig_till": _("Slutdatum kan inte vara före startdatum.")})
    medlemskap.giltig_till = giltig_till
    medlemskap.save(update_fields=["giltig_till"])
    return medlemskap


# ----------------------------------------------------------------------------------------------- Access


@transaction.atomic
def behorighet_grant(*, user, roll: str, forbund: Forbund | None = None, beviljad_av=None) -> Behorighet:
    """Give a user a role (per förbund or national); granting twice is harmless."""
    behorighet = Behorighet(user=user, roll=roll, forbund=forbund, beviljad_av=beviljad_av)
    behorighet.full_clean(validate_unique=False, validate_constraints=False)
    existing = Behorighet.objects.filter(user=user, roll=roll, forbund=forbund).first()
    if existing:
        return existing
    behorighet.save()
    user._finsam_roller = None  # the cached roles are stale now
    return behorighet


@transaction.atomic
def behorighet_revoke(*, user, roll: str, forbund: Forbund | None = None) -> int:
    """Take a role away; returns how many were removed (0 if the user did not have it)."""
    if roll not in Roll.values:
        raise ValidationError({"roll": _("Okänd roll.")})
    deleted, _details = Behorighet.objects.filter(user=user, roll=roll, forbund=forbund).delete()
    user._finsam_roller = None  # the cached roles are stale now
    return deleted
