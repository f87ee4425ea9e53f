"""The report draft as a Word document: the template's styles, the statistics JSON's figures.

skapa_utkast(underlag) checks the template, writes every section (rapport.avsnitt) where the template has
{{ innehall }}, fills the other fields and returns the .docx as bytes.
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from rapport.dold import FOTNOT, PRICKAR
from rapport.mall import FALT, MallFel, aktiv_mall_data, fyll_falt, las_mall
from rapport.selectors import Kalla, Underlag

TITEL = "Rapport – Redovisning av målgrupper och insatser som finansieras av samordningsförbund %(ar)s"


def _tid(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def kalla_text(ar: int, kalla: Kalla) -> str:
    """The footnote: which extract (id and time) the figures come from, or that they are live and preliminary; and
    whose suppression pattern the counts of people follow."""
    return " ".join(t for t in (_kalla_text(ar, kalla), kalla.skydd) if t)


def _kalla_text(ar: int, kalla: Kalla) -> str:
    if kalla.uttag is not None:
        u = kalla.uttag
        text = _(
            "Siffrorna för %(ar)s kommer från uttag nr %(id)s ur Finsam, taget %(tid)s (%(status)s). Uppgifter som "
            "registrerats efter uttaget finns inte med."
        ) % {
            "ar": ar,
            "id": u.pk,
            "tid": _tid(u.tagen),
            "status": _("fastställt: alla förbunds år godkända") if u.alla_godkanda else _("preliminärt"),
        }
        if kalla.fore_uttag is not None:
            text += " " + _("Jämförelsen med %(ar)s görs mot uttag nr %(id)s, taget %(tid)s.") % {
                "ar": ar - 1,
                "id": kalla.fore_uttag.pk,
                "tid": _tid(kalla.fore_uttag.tagen),
            }
        else:
            text += " " + _("Jämförelsen med %(ar)s görs mot aktuella siffror den %(tid)s.") % {
                "ar": ar - 1,
                "tid": _tid(timezone.now()),
            }
        return text
    return _(
        "Siffrorna är aktuella uppgifter ur Finsam den %(tid)s, inte ett uttag, och är preliminära: de ändras när "
        "förbunden registrerar eller rättar uppgifter. Ta ett uttag för att frysa siffrorna till rapporten."
    ) % {"tid": _tid(kalla.tidpunkt)}


def kalla_kort(kalla: Kalla) -> str:
    """The footer's short form of the source."""
    if kalla.uttag is not None:
        return _("Uttag nr %(id)s, %(tid)s") % {"id": kalla.uttag.pk, "tid": _tid(kalla.uttag.tagen)}
    return _("Preliminära siffror hämtade %(tid)s") % {"tid": _tid(kalla.tidpunkt)}


class Skrivare:
    """Writes paragraphs, tables and images with the template's styles."""

    def __init__(self, doc):
        self.doc = doc

    def rubrik(self, text: str, niva: int = 1):
        return self.doc.add_paragraph(text, style=f"Heading {niva}")

    def stycke(self, *meningar: str, style: str = "Normal"):
        return self.doc.add_paragraph(" ".join(m for m in meningar if m), style=style)

    def punkter(self, rader: list[str]):
        for rad in rader:
            self.doc.add_paragraph(rad, style="List Bullet")

    def fotnot(self, nummer: int, text: str):
        p = self.doc.add_paragraph(style="Fotnot")
        p.add_run(str(nummer)).font.superscript = True
        p.add_run(" " + text)
        return p

    def tabell(self, rubrik: str, rader: list[list[str]], forklaring: str = ""):
        """A caption above and a table: the first row is the header, the first column the row headings."""
        self.doc.add_paragraph(rubrik, style="Caption")
        t = self.doc.add_table(rows=len(rader), cols=len(rader[0]), style="Table Grid")
        for i, rad in enumerate(rader):
            for k, value in enumerate(rad):
                cell = t.cell(i, k)
                cell.text = str(value)
                if i == 0 or k == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        if any(PRICKAR in rad for rad in rader):  # a hidden count: the footnote the release uses
            forklaring = " ".join(x for x in (forklaring, f"{PRICKAR} {FOTNOT}.") if x)
        if forklaring:
            self.doc.add_paragraph(forklaring, style="Caption")
        return t

    def bild(self, rubrik: str, png: bytes, alt: str):
        """An image with its caption above and alt text (Word's "Alternativ text") for screen readers."""
        from docx.shared import Cm

        self.doc.add_paragraph(rubrik, style="Caption")
        run = self.doc.add_paragraph().add_run()
        shape = run.add_picture(io.BytesIO(png), width=Cm(16))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", rubrik)
        return shape


def _flytta_till_innehall(doc, forut: int) -> None:
    """Move everything written after the template's body (the first `forut` elements) to {{ innehall }}."""
    body = doc.element.body
    platshallare = next(p for p in doc.paragraphs if any(m.group(1) == "innehall" for m in FALT.finditer(p.text)))._p
    nya = [el for el in list(body)[forut:] if not el.tag.endswith("}sectPr")]
    for el in nya:
        platshallare.addprevious(el)
    body.remove(platshallare)


def skapa_utkast(underlag: Underlag, mall_data: bytes | None = None) -> bytes:
    """The draft for the year as .docx bytes; MallFel (Swedish) if the template lacks a style or field."""
    from rapport import avsnitt

    if mall_data is None:
        mall_data, _namn = aktiv_mall_data()
    doc = las_mall(mall_data)  # checked before anything is written
    forut = len([el for el in doc.element.body if not el.tag.endswith("}sectPr")])
    avsnitt.skriv_allt(Skrivare(doc), underlag, kalla_text(underlag.ar, underlag.kalla))
    _flytta_till_innehall(doc, forut)
    fyll_falt(
        doc,
        {
            "titel": TITEL % {"ar": underlag.ar},
            "ar": str(underlag.ar),
            "datum": timezone.localdate().isoformat(),
            "kalla": kalla_kort(underlag.kalla),
        },
    )
    doc.core_properties.title = TITEL % {"ar": underlag.ar}
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


__all__ = ["MallFel", "skapa_utkast", "kalla_text"]
