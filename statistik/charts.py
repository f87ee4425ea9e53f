"""Charts drawn on the server as inline SVG: no JavaScript, nothing fetched at run time.

Each chart is an <svg role="img"> with a title and a description; the page puts its data table next to it for
screen readers and for anyone who would rather read the numbers. Colours reach 3:1 against white (WCAG 1.4.11),
and series differ in marker and dash too, not only in colour.

Python computes the coordinates and the texts; templates/statistik/_diagram.html draws the SVG and the data table,
escaping every text.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.tal import tal

FARGER = ["#005a70", "#a4141f", "#1e6b34", "#6b4a00"]
STRECK = ["", "6 4", "2 3", "10 3 2 3"]
INK = "#1b1b1f"
LINE = "#8a8f99"


@dataclass
class Diagram:
    id: str
    titel: str
    beskrivning: str
    typ: str  # "stapel" or "linje": which drawing the template makes
    bredd: str  # numbers in the SVG are text, never localized by the template (see _svg)
    hojd: str
    # The data table for screen readers: header row and rows of already formatted text.
    rubriker: list[str]
    rader: list[list[str]]
    # What to draw, coordinates already computed (see stapeldiagram and linjediagram).
    staplar: list[dict] = field(default_factory=list)
    axel: dict = field(default_factory=dict)
    stodlinjer: list[dict] = field(default_factory=list)
    arstal: list[dict] = field(default_factory=list)
    serier: list[dict] = field(default_factory=list)
    ink: str = INK
    linje: str = LINE


def _snyggt_max(value: float) -> float:
    """A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * exp:
            return m * exp
    return 10 * exp


def _c(value: float) -> str:
    """A coordinate with one decimal, as SVG reads it (a point, whatever the language)."""
    return f"{value:.1f}"


def _svg(varden: dict) -> dict:
    """Every number as SVG text: the template would write 1.5 as "1,5" and 1000 as "1 000" (localized)."""
    return {k: (str(v) if isinstance(v, int) else _c(v) if isinstance(v, float) else v) for k, v in varden.items()}


def stapeldiagram(
    *, id: str, titel: str, beskrivning: str, staplar: list[tuple[str, float]], enhet: str = "", decimaler: int = 0
) -> Diagram:
    """Horizontal bars, one per label, with the value written at the end of each bar."""
    bredd, etikett, hojd_rad = 720, 300, 30
    plot = bredd - etikett - 90
    maxv = max((v for _, v in staplar), default=0) or 1
    hojd = hojd_rad * len(staplar) + 10
    rader = []
    for n, (namn, value) in enumerate(staplar):
        y = 5 + n * hojd_rad
        w = max(0.0, plot * value / maxv)
        rader.append(
            _svg(
                {
                    "namn": namn if len(namn) <= 40 else namn[:38] + "…",  # the data table has the full name
                    "etikett_x": etikett - 8,
                    "text_y": y + 19,
                    "x": etikett,
                    "y": y + 4,
                    "bredd": _c(w),
                    "hojd": hojd_rad - 10,
                    "varde_x": _c(etikett + w + 6),
                    "varde": tal(value, decimaler) + (f" {enhet}" if enhet else ""),
                }
            )
        )
    return Diagram(
        id=id,
        titel=titel,
        beskrivning=beskrivning,
        typ="stapel",
        bredd=str(bredd),
        hojd=str(hojd),
        staplar=rader,
        axel=_svg({"x": etikett, "y1": 2, "y2": hojd - 2, "farg": FARGER[0]}),
        rubriker=["", enhet or ""],
        rader=[[namn, tal(value, decimaler)] for namn, value in staplar],
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

    stodlinjer = []
    for step in range(5):
        v = maxv * step / 4
        stodlinjer.append(
            _svg(
                {
                    "x1": vanster,
                    "x2": bredd - hoger,
                    "y": _c(y(v)),
                    "tjocklek": 1.5 if step == 0 else 0.5,
                    "text_x": vanster - 8,
                    "text_y": _c(y(v) + 5),
                    "text": tal(v, 0),
                }
            )
        )
    arstal = [_svg({"x": x(i), "y": topp + plot_h + 20, "text": str(a)}) for i, a in enumerate(ar)]
    ritade = []
    for n, (namn, values) in enumerate(serier):
        farg = FARGER[n % len(FARGER)]
        lx, ly = vanster + n * 220, hojd - 22
        ritade.append(
            {
                "namn": namn,
                "farg": farg,
                "streck": STRECK[n % len(STRECK)],
                "punkter": " ".join(f"{_c(x(i))},{_c(y(v))}" for i, v in enumerate(values)),
                "markorer": [_markor(n, x(i), y(v)) for i, v in enumerate(values)],
                "forklaring": _svg({"x1": lx, "x2": lx + 30, "y": ly, "text_x": lx + 38, "text_y": ly + 5}),
                "forklaring_markor": _markor(n, lx + 15, ly),
            }
        )
    return Diagram(
        id=id,
        titel=titel,
        beskrivning=beskrivning,
        typ="linje",
        bredd=str(bredd),
        hojd=str(hojd),
        stodlinjer=stodlinjer,
        arstal=arstal,
        serier=ritade,
        rubriker=[_("År"), *[namn for namn, _ in serier]],
        rader=[[str(a), *[tal(values[i], 0) for _, values in serier]] for i, a in enumerate(ar)],
    )


def _markor(n: int, cx: float, cy: float) -> dict:
    """A series' marker: a circle, a square or a triangle, so series differ in shape as well as colour."""
    if n % 3 == 1:
        return {"form": "fyrkant", "x": _c(cx - 4), "y": _c(cy - 4)}
    if n % 3 == 2:
        return {
            "form": "triangel",
            "d": f"M{_c(cx)},{_c(cy - 5)} L{_c(cx + 5)},{_c(cy + 4)} L{_c(cx - 5)},{_c(cy + 4)} Z",
        }
    return {"form": "cirkel", "cx": _c(cx), "cy": _c(cy)}
