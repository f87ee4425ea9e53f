"""Charts drawn on the server as inline SVG: no JavaScript, nothing fetched at run time.

Each chart is an <svg role="img"> with a title and a description; the page puts its data table next to it for
screen readers and for anyone who would rather read the numbers. Colours reach 3:1 against white (WCAG 1.4.11),
and series differ in marker and dash too, not only in colour.
"""

import math
from dataclasses import dataclass
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.avrundning import avrunda

FARGER = ["#005a70", "#a4141f", "#1e6b34", "#6b4a00"]
STRECK = ["", "6 4", "2 3", "10 3 2 3"]
INK = "#1b1b1f"
LINE = "#8a8f99"


@dataclass
class Diagram:
    id: str
    titel: str
    beskrivning: str
    svg: SafeString
    # The data table for screen readers: header row and rows of already formatted text.
    rubriker: list[str]
    rader: list[list[str]]

    @property
    def tabell_html(self) -> SafeString:
        """The data table (written in Python: the template's nested loops cost more than the chart itself)."""
        head = []
        for n, r in enumerate(self.rubriker):
            if n == 0:
                inner = escape(r) if r else f'<span class="visually-hidden">{escape(_("Kategori"))}</span>'
                head.append(f'<th scope="col">{inner}</th>')
            else:
                head.append(f'<th scope="col" class="num">{escape(r)}</th>')
        rader = "".join(
            "<tr>"
            + "".join(
                f'<th scope="row">{escape(c)}</th>' if n == 0 else f'<td class="num">{escape(c)}</td>'
                for n, c in enumerate(rad)
            )
            + "</tr>"
            for rad in self.rader
        )
        return mark_safe(  # noqa: S308 - every text is escaped
            f'<table class="table"><caption>{escape(self.titel)}</caption><thead><tr>{"".join(head)}</tr></thead>'
            f"<tbody>{rader}</tbody></table>"
        )


def _tal(value: float, decimaler: int = 0) -> str:
    return number_format(avrunda(value, decimaler), decimaler, force_grouping=True)


def _snyggt_max(value: float) -> float:
    """A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * exp:
            return m * exp
    return 10 * exp


def stapeldiagram(
    *, id: str, titel: str, beskrivning: str, staplar: list[tuple[str, float]], enhet: str = "", decimaler: int = 0
) -> Diagram:
    """Horizontal bars, one per label, with the value written at the end of each bar."""
    bredd, etikett, hojd_rad = 720, 300, 30
    plot = bredd - etikett - 90
    maxv = max((v for _, v in staplar), default=0) or 1
    hojd = hojd_rad * len(staplar) + 10
    delar = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-titel {id}-beskr" '
        f'viewBox="0 0 {bredd} {hojd}" class="diagram" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{id}-titel">{escape(titel)}</title><desc id="{id}-beskr">{escape(beskrivning)}</desc>',
    ]
    for n, (namn, value) in enumerate(staplar):
        y = 5 + n * hojd_rad
        w = max(0.0, plot * value / maxv)
        text = _tal(value, decimaler) + (f" {enhet}" if enhet else "")
        kort = namn if len(namn) <= 40 else namn[:38] + "…"  # the data table has the full name
        delar.append(
            f'<text x="{etikett - 8}" y="{y + 19}" text-anchor="end" fill="{INK}" font-size="14">{escape(kort)}</text>'
            f'<rect x="{etikett}" y="{y + 4}" width="{w:.1f}" height="{hojd_rad - 10}" fill="{FARGER[0]}"/>'
            f'<text x="{etikett + w + 6:.1f}" y="{y + 19}" fill="{INK}" font-size="14">{escape(text)}</text>'
        )
    delar.append(f'<line x1="{etikett}" y1="2" x2="{etikett}" y2="{hojd - 2}" stroke="{INK}"/></svg>')
    return Diagram(
        id=id,
        titel=titel,
        beskrivning=beskrivning,
        svg=mark_safe("".join(delar)),  # noqa: S308 - every text in it is escaped above
        rubriker=["", enhet or ""],
        rader=[[namn, _tal(value, decimaler)] for namn, value in staplar],
    )


def linjediagram(
    *, id: str, titel: str, beskrivning: str, ar: list[int], serier: list[tuple[str, list[float]]]
) -> Diagram:
    """One line per series over the years, with a legend; each series has its own colour, dash and marker."""
    bredd, hojd = 720, 320
    vanster, hoger, topp, botten = 70, 20, 20, 80
    plot_b, plot_h = bredd - vanster - hoger, hojd - topp - botten
    maxv = _snyggt_max(max((v for _, values in serier for v in values), default=0))

    def x(i):
        return vanster + (plot_b * i / max(1, len(ar) - 1))

    def y(v):
        return topp + plot_h - plot_h * v / maxv

    delar = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-titel {id}-beskr" '
        f'viewBox="0 0 {bredd} {hojd}" class="diagram" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{id}-titel">{escape(titel)}</title><desc id="{id}-beskr">{escape(beskrivning)}</desc>',
    ]
    for step in range(5):
        v = maxv * step / 4
        delar.append(
            f'<line x1="{vanster}" y1="{y(v):.1f}" x2="{bredd - hoger}" y2="{y(v):.1f}" stroke="{LINE}" '
            f'stroke-width="{1.5 if step == 0 else 0.5}"/>'
            f'<text x="{vanster - 8}" y="{y(v) + 5:.1f}" text-anchor="end" fill="{INK}" font-size="13">'
            f"{escape(_tal(v))}</text>"
        )
    for i, a in enumerate(ar):
        delar.append(
            f'<text x="{x(i):.1f}" y="{topp + plot_h + 20}" text-anchor="middle" fill="{INK}" font-size="13">{a}</text>'
        )
    for n, (namn, values) in enumerate(serier):
        farg, streck = FARGER[n % len(FARGER)], STRECK[n % len(STRECK)]
        punkter = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        dash = f' stroke-dasharray="{streck}"' if streck else ""
        delar.append(f'<polyline points="{punkter}" fill="none" stroke="{farg}" stroke-width="2.5"{dash}/>')
        for i, v in enumerate(values):
            delar.append(_markor(n, x(i), y(v), farg))
        lx = vanster + n * 220
        ly = hojd - 22
        delar.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 30}" y2="{ly}" stroke="{farg}" stroke-width="2.5"{dash}/>'
            + _markor(n, lx + 15, ly, farg)
            + f'<text x="{lx + 38}" y="{ly + 5}" fill="{INK}" font-size="14">{escape(namn)}</text>'
        )
    delar.append("</svg>")
    return Diagram(
        id=id,
        titel=titel,
        beskrivning=beskrivning,
        svg=mark_safe("".join(delar)),  # noqa: S308 - every text in it is escaped above
        rubriker=[_("År"), *[namn for namn, _ in serier]],
        rader=[[str(a), *[_tal(values[i]) for _, values in serier]] for i, a in enumerate(ar)],
    )


def _markor(n: int, cx: float, cy: float, farg: str) -> str:
    if n % 3 == 1:
        return f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{farg}"/>'
    if n % 3 == 2:
        return (
            f'<path d="M{cx:.1f},{cy - 5:.1f} L{cx + 5:.1f},{cy + 4:.1f} L{cx - 5:.1f},{cy + 4:.1f} Z" fill="{farg}"/>'
        )
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{farg}"/>'
