"""Reads for the account pages and the start page, and the rules of who may change whose access."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.utils import timezone

from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag
from forbund.access import access_for, is_administrator
from forbund.konton import konto_skyddat
from forbund.models import Behorighet, Forbund, Roll
from insatser.models import Insats, InsatsAr
from konton.models import Behorighetshandelse, Profil

# The user list's sort keys (?sortera=…): a key and its reverse with "-".
SORTERING = {
    "anvandarnamn": "username",
    "namn": "last_name",
    "epost": "email",
    "senast": "last_login",
}


def namn(user) -> str:
    return user.get_full_name() or user.get_username()


def kan_andra_roll(*, utford_av, user, roll: str, forbund: Forbund | None) -> bool:
    """May utford_av grant or take away this role of this user (None: an account about to be created)?

    An administratör handles every role except the administratör role, and not the roles of superusers and
    administratörer (themselves included); a superuser handles everything. A förbundsadministratör handles only
    the deltagaransvarig role in their own förbund.
    """
    if utford_av.is_superuser:
        return True
    skyddad = user is not None and konto_skyddat(user)
    if is_administrator(utford_av):
        return roll != Roll.ADMINISTRATOR and not skyddad
    if forbund is None or roll != Roll.DELTAGARANSVARIG or skyddad:
        return False
    access = access_for(utford_av, forbund)
    return access is not None and access.is_forbundsadministrator


def kan_inaktivera(*, utford_av, user) -> bool:
    if not is_administrator(utford_av):
        return False
    return utford_av.is_superuser or not konto_skyddat(user)


def anvandare_list(*, q: str = "", sortera: str = ""):
    """Every account with its roles (one query for the roles), searchable by name, e-mail and förbund."""
    qs = get_user_model().objects.prefetch_related(
        Prefetch("behorigheter", queryset=Behorighet.objects.select_related("forbund").order_by("roll"))
    )
    q = q.strip()
    if q:
        pks = (
            get_user_model()
            .objects.filter(
                Q(username__icontains=q)
                | Q(first_name__icontains=q)
                | Q(last_name__icontains=q)
                | Q(email__icontains=q)
                | Q(behorigheter__forbund__namn__icontains=q)
            )
            .values("pk")
        )
        qs = qs.filter(pk__in=pks)
    falt = SORTERING.get(sortera.lstrip("-"), "username")
    riktning = "-" if sortera.startswith("-") else ""
    return qs.order_by(f"{riktning}{falt}", "username")


def forbund_behorigheter(forbund: Forbund) -> list[dict]:
    """The förbund's people: each with their roles there and, for a deltagaransvarig, the insatser assigned."""
    rader: dict[int, dict] = {}
    for b in Behorighet.objects.filter(forbund=forbund).select_related("user").order_by("user__last_name", "roll"):
        rad = rader.setdefault(b.user_id, {"user": b.user, "roller": [], "insatser": []})
        rad["roller"].append(b)
    for insats in Insats.objects.filter(forbund=forbund, deltagaransvariga__in=list(rader)).prefetch_related(
        Prefetch("deltagaransvariga", queryset=get_user_model().objects.only("pk"))
    ):
        for u in insats.deltagaransvariga.all():
            if u.pk in rader:
                rader[u.pk]["insatser"].append(insats)
    for rad in rader.values():
        rad["ar_deltagaransvarig"] = any(b.roll == Roll.DELTAGARANSVARIG for b in rad["roller"])
        rad["insatser"] = sorted(set(rad["insatser"]), key=lambda i: i.namn)
    return list(rader.values())


def handelser_list():
    return Behorighetshandelse.objects.select_related("utford_av", "galler", "forbund")


def mina_roller(user) -> list[Behorighet]:
    return list(Behorighet.objects.filter(user=user).select_related("forbund").order_by("forbund__namn", "roll"))


def forbund_som_administrator(user) -> list[Forbund]:
    ids = Behorighet.objects.filter(user=user, roll=Roll.FORBUNDSADMINISTRATOR).values("forbund_id")
    return list(Forbund.objects.filter(pk__in=ids).order_by("namn"))


def mina_insatser(user, ar: int) -> list[Insats]:
    """The insatser a deltagaransvarig is assigned to that run this year, in förbund they still hold the role in."""
    forbund_ids = Behorighet.objects.filter(user=user, roll=Roll.DELTAGARANSVARIG).values("forbund_id")
    return list(
        Insats.objects.running_in(ar)
        .filter(deltagaransvariga=user, forbund_id__in=forbund_ids)
        .select_related("forbund")
        .order_by("forbund__namn", "namn")
    )


FALLBACK_DAGAR = 30


def andringar_sedan(user) -> dict:
    """How many insatser, yearly figures and economy records changed since the user's previous login (or, before
    one is known, in the last FALLBACK_DAGAR days)."""
    profil = Profil.objects.filter(user=user).first()
    sedan = profil.forra_inloggning if profil else None
    kand = sedan is not None
    if not kand:
        sedan = timezone.now() - datetime.timedelta(days=FALLBACK_DAGAR)
    # Changes by the user themselves are not news to them.
    insatser = sum(
        m.history.filter(history_date__gt=sedan).exclude(history_user=user).count() for m in (Insats, InsatsAr)
    )
    ekonomi = sum(
        m.history.filter(history_date__gt=sedan).exclude(history_user=user).count()
        for m in (Arsekonomi, Medlemsbidrag, Statsbidrag)
    )
    return {"sedan": sedan, "kand": kand, "dagar": FALLBACK_DAGAR, "insatser": insatser, "ekonomi": ekonomi}
