"""The draft's diagrams as PNG images, drawn with matplotlib's Agg backend (no display, no network)."""

import io

from django.utils.translation import gettext as _

from rapport.meningar import tal
from rapport.selectors import SeriePunkt

FK_BLA = "#004b87"
FK_LJUS = "#7fa5c3"
GRA = "#8c8c8c"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # before pyplot: a server has no display
    from matplotlib import pyplot

    return pyplot


def _png(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=150, bbox_inches="tight")
    _pyplot().close(fig)
    return out.getvalue()


def diagram1(serie: list[SeriePunkt]) -> tuple[bytes, str]:
    """Förbund and member kommuner per year: published figures hollow and dashed, counted ones filled. Returns the
    PNG and its alt text."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ar = [p.ar for p in serie]
    for namn, varde, farg in ((_("Kommuner i förbund"), "kommuner", FK_BLA), (_("Förbund"), "forbund", FK_LJUS)):
        ax.plot(ar, [getattr(p, varde) for p in serie], color=farg, linewidth=1.5, linestyle="-", label=namn)
        pub = [p for p in serie if p.publicerad]
        rak = [p for p in serie if not p.publicerad]
        ax.scatter([p.ar for p in pub], [getattr(p, varde) for p in pub], facecolors="white", edgecolors=farg, zorder=3)
        ax.scatter([p.ar for p in rak], [getattr(p, varde) for p in rak], color=farg, zorder=3)
    ax.set_ylim(0, max([p.kommuner for p in serie] + [1]) * 1.1)
    ax.set_xticks(ar)
    ax.tick_params(axis="x", labelrotation=45)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, loc="lower right")
    ax.text(
        0,
        -0.32,
        _("Ofyllda punkter: publicerade i tidigare rapporter. Fyllda: räknade ur registret."),
        transform=ax.transAxes,
        fontsize=7,
        color=GRA,
    )
    sista = serie[-1]
    alt = _(
        "Linjediagram över antalet samordningsförbund och antalet kommuner i förbund vid slutet av varje år "
        "%(fran)s–%(till)s. År %(till)s fanns %(forbund)s förbund med %(kommuner)s kommuner. Ofyllda punkter är "
        "siffror som publicerats i tidigare rapporter (%(publicerade)s), fyllda är räknade ur registret."
    ) % {
        "fran": serie[0].ar,
        "till": sista.ar,
        "forbund": tal(sista.forbund),
        "kommuner": tal(sista.kommuner),
        "publicerade": ", ".join(str(p.ar) for p in serie if p.publicerad) or _("inga"),
    }
    return _png(fig), alt


def stapeldiagram(staplar: list[tuple[str, int]], beskrivning: str) -> tuple[bytes, str]:
    """Horizontal bars with the count at each bar (Diagram 2: insatser per målgrupp). Returns PNG and alt text."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(staplar) + 0.8))
    namn = [s[0] for s in staplar][::-1]
    varden = [s[1] for s in staplar][::-1]
    ax.barh(namn, varden, color=FK_BLA)
    for y, v in enumerate(varden):
        ax.text(v, y, f" {tal(v)}", va="center", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(varden + [1]) * 1.15)
    alt = beskrivning + " " + "; ".join(f"{n}: {tal(v)}" for n, v in staplar) + "."
    return _png(fig), alt
