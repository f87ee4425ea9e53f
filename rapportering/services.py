"""Writes of the reporting round: submit, correct, return, approve, comment, lock exceptions. Each in a transaction,
each leaving an event (Handelse) in the förbund-year's thread."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dataversion
from forbund.models import Forbund
from rapportering.kontroller import Niva, kontrollera
from rapportering.las import ar_kontrollera_oppet
from rapportering.models import Arsrapport, Forklaring, Handelse, Handelsetyp, Lasundantag, Status
from rapportering.selectors import kontroll_underlag


def _rapport_for_update(forbund: Forbund, ar: int) -> Arsrapport:
    rapport, _skapad = Arsrapport.objects.select_for_update().get_or_create(forbund=forbund, ar=ar)
    return rapport


def _underlag(forbund: Forbund, ar: int, fynd, forklaringar) -> dict:
    """What was submitted, for the förbund's download and the reviewer: every insats's figures and the findings."""
    return {
        "forbund": forbund.slug,
        "ar": ar,
        "insatser": [
            {"id": u.id, "namn": u.namn, "typ": u.typ, "inriktning": u.inriktning, **u.varden}
            for u in kontroll_underlag(ar=ar, forbund_ids=[forbund.pk])
        ],
        "fynd": [{**f.as_dict(), "forklaring": forklaringar.get((f.kod, f.insats or 0), "")} for f in fynd],
    }


@transaction.atomic
def arsrapport_skicka_in(
    *, forbund: Forbund, ar: int, user, forklaringar: dict[tuple[str, int], str], idag: datetime.date | None = None
) -> Arsrapport:
    """Submit the year. Errors block; every warning needs a short explanation (keyed by (kod, insats id or 0))."""
    ar_kontrollera_oppet(forbund_id=forbund.pk, ar=ar)
    rapport = _rapport_for_update(forbund, ar)
    if rapport.status == Status.GODKAND:
        raise ValidationError(_("Året är redan godkänt."))
    fynd = kontrollera(ar=ar, forbund_ids=[forbund.pk], idag=idag)
    fel = [f.meddelande for f in fynd if f.niva == Niva.FEL]
    if fel:
        raise ValidationError(fel)
    texter = {nyckel: (text or "").strip() for nyckel, text in forklaringar.items()}
    saknas = {}
    for f in fynd:
        nyckel = (f.kod, f.insats or 0)
        if f.niva == Niva.VARNING and not texter.get(nyckel):
            saknas[f"{f.kod}-{f.insats or 0}"] = _("Skriv en kort förklaring till varningen: %(m)s") % {
                "m": f.meddelande
            }
    if saknas:
        raise ValidationError(saknas)
    for f in fynd:
        nyckel = (f.kod, f.insats or 0)
        if f.niva == Niva.VARNING:
            Forklaring.objects.update_or_create(
                forbund=forbund,
                ar=ar,
                kod=f.kod,
                insats=f.insats or 0,
                defaults={"text": texter[nyckel], "andrad_av": user},
            )
    nu = timezone.now()
    antal = Handelse.objects.filter(forbund=forbund, ar=ar, typ=Handelsetyp.INSKICKAD).count() + 1
    rapport.status = Status.INSKICKAD
    rapport.referens = f"FINSAM-{ar}-{forbund.pk:04d}-{antal}"
    rapport.forst_inskickad = rapport.forst_inskickad or nu
    rapport.inskickad = nu
    rapport.inskickad_av = user
    rapport.korrigerad = False
    rapport.inskickat_underlag = _underlag(forbund, ar, fynd, texter)
    rapport.save()
    Handelse.objects.create(
        forbund=forbund,
        ar=ar,
        typ=Handelsetyp.INSKICKAD,
        user=user,
        text=_("Årsrapporten skickades in (referens %(ref)s).") % {"ref": rapport.referens},
    )
    return rapport


@transaction.atomic
def arsrapport_godkann(*, forbund: Forbund, ar: int, user) -> Arsrapport:
    rapport = _rapport_for_update(forbund, ar)
    if rapport.status != Status.INSKICKAD:
        raise ValidationError(_("Bara ett inskickat år kan godkännas."))
    rapport.status = Status.GODKAND
    rapport.godkand = timezone.now()
    rapport.godkand_av = user
    rapport.save()
    Handelse.objects.create(forbund=forbund, ar=ar, typ=Handelsetyp.GODKAND, user=user, text=_("Året godkändes."))
    return rapport


@transaction.atomic
def arsrapport_atersand(*, forbund: Forbund, ar: int, user, skal: str) -> Arsrapport:
    skal = (skal or "").strip()
    if not skal:
        raise ValidationError({"skal": _("Skriv varför året återsänds, så att förbundet vet vad som ska rättas.")})
    rapport = _rapport_for_update(forbund, ar)
    if rapport.status != Status.INSKICKAD:
        raise ValidationError(_("Bara ett inskickat år kan återsändas."))
    rapport.status = Status.ATERSANDA
    rapport.save()
    Handelse.objects.create(forbund=forbund, ar=ar, typ=Handelsetyp.ATERSANDA, user=user, text=skal)
    return rapport


@transaction.atomic
def kommentar_skriv(*, forbund: Forbund, ar: int, user, text: str) -> Handelse:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Skriv en kommentar.")})
    return Handelse.objects.create(forbund=forbund, ar=ar, typ=Handelsetyp.KOMMENTAR, user=user, text=text)


@transaction.atomic
def lasundantag_bevilja(*, forbund: Forbund, ar: int, user, skal: str, till: datetime.date) -> Lasundantag:
    """Reopen a locked förbund-year until a date. An approved year is reopened as returned, to be submitted again."""
    skal = (skal or "").strip()
    fel = {}
    if not skal:
        fel["skal"] = _("Skriv skälet till undantaget.")
    if till is None or till < datetime.date.today():
        fel["till"] = _("Välj ett datum från och med i dag.")
    if fel:
        raise ValidationError(fel)
    undantag = Lasundantag.objects.create(forbund=forbund, ar=ar, skal=skal, till=till, beviljad_av=user)
    Arsrapport.objects.filter(forbund=forbund, ar=ar, status=Status.GODKAND).update(status=Status.ATERSANDA)
    dataversion.bump()  # update() sends no signal
    Handelse.objects.create(
        forbund=forbund,
        ar=ar,
        typ=Handelsetyp.UNDANTAG,
        user=user,
        text=_("Året är öppet för ändringar till och med %(till)s: %(skal)s")
        % {"till": till.isoformat(), "skal": skal},
    )
    return undantag
