"""One way for every import to find a förbund, a kommun or a region from what a person wrote in a cell.

The rule (the same in every import): the code (förbund: kortnamn/slug; kommun: SCB's four-digit code, leading
zeros optional; region: the two-digit länskod) or the name, with case and spacing ignored (casefold, runs of
whitespace as one space). A region is also found by its län's name. Unknown values get one message per kind, with a
hint naming the closest known value.
"""

from django.apps import apps
from django.utils.translation import gettext as _

from core.importing.celler import closest
from core.importing.files import Rad, RadFel


def normalise(text: str) -> str:
    """What a lookup compares: case folded, whitespace trimmed and runs of it as one space."""
    return " ".join(str(text).split()).casefold()


class Uppslag:
    """Förbund, kommuner and regioner read once (three queries at most, each only when asked for)."""

    def __init__(self):
        self._forbund = self._kommuner = self._regioner = None

    # -------------------------------------------------------------------------------------------- förbund
    def _forbund_index(self) -> dict:
        if self._forbund is None:
            alla = list(apps.get_model("forbund", "Forbund").objects.all())
            self._forbund_alla = alla
            index = {normalise(f.namn): f for f in alla}
            index.update({normalise(f.slug): f for f in alla})
            self._forbund = index
        return self._forbund

    def forbund(self, text: str):
        """The förbund a cell names (kortnamn or namn), or None."""
        return self._forbund_index().get(normalise(text)) if text else None

    def alla_forbund(self) -> list:
        self._forbund_index()
        return self._forbund_alla

    # -------------------------------------------------------------------------------------------- kommun
    def _kommun_index(self) -> dict:
        if self._kommuner is None:
            alla = list(apps.get_model("forbund", "Kommun").objects.all())
            index = {normalise(k.namn): k for k in alla}
            index.update({k.kod: k for k in alla})
            self._kommuner = index
        return self._kommuner

    def kommun(self, text: str):
        """The kommun a cell names (SCB code, leading zeros optional, or name), or None."""
        text = str(text).strip()
        if not text:
            return None
        if text.isdigit():
            return self._kommun_index().get(text.zfill(4))
        return self._kommun_index().get(normalise(text))

    # -------------------------------------------------------------------------------------------- region
    def _region_index(self) -> dict:
        if self._regioner is None:
            alla = list(apps.get_model("forbund", "Lan").objects.all())
            self._regioner_alla = alla
            index = {normalise(x.namn): x for x in alla}
            index.update({normalise(x.region_namn): x for x in alla})
            index.update({x.kod: x for x in alla})
            self._regioner = index
        return self._regioner

    def region(self, text: str):
        """The region a cell names (länskod, region name or län name), or None."""
        text = str(text).strip()
        if not text:
            return None
        if text.isdigit():
            return self._region_index().get(text.zfill(2))
        return self._region_index().get(normalise(text))

    # -------------------------------------------------------------------------------------------- with errors
    def forbund_i(self, rad: Rad, fel: list[RadFel], kolumn: str = "forbund"):
        """The förbund of a row's cell; a row error (with a hint) when it is empty or unknown."""
        text = rad.text(kolumn)
        forbund = self.forbund(text)
        if forbund is None:
            if not text:
                fel.append(RadFel(rad.nummer, kolumn, "", _("Värde saknas.")))
            else:
                namn = [f.namn for f in self.alla_forbund()] + [f.slug for f in self.alla_forbund()]
                fel.append(RadFel(rad.nummer, kolumn, text, _("Okänt förbund.") + closest(text, namn)))
        return forbund

    def kommun_i(self, rad: Rad, fel: list[RadFel], kolumn: str = "kommunkod"):
        text = rad.text(kolumn)
        kommun = self.kommun(text)
        if kommun is None:
            meddelande = (
                _("Okänd kommunkod (SCB:s fyrsiffriga kod, eller kommunens namn).") if text else _("Värde saknas.")
            )
            fel.append(RadFel(rad.nummer, kolumn, text, meddelande))
        return kommun

    def region_i(self, rad: Rad, fel: list[RadFel], kolumn: str = "region"):
        text = rad.text(kolumn)
        region = self.region(text)
        if region is None:
            if not text:
                fel.append(RadFel(rad.nummer, kolumn, "", _("Värde saknas.")))
            else:
                self._region_index()
                hint = closest(text, [x.region_namn for x in self._regioner_alla])
                fel.append(
                    RadFel(rad.nummer, kolumn, text, _("Okänd region: skriv länskoden eller regionens namn.") + hint)
                )
        return region
