"""The year's outcome grid as a form: one labelled number input per cell. The rules live in rules.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.granser import INTEGER_MAX
from insatser.forms import HeltalField, swedish_messages
from utfall.koder import alla_nycklar, etikett, falt_namn
from utfall.rules import Varden

ANTAL_FEL = _("Skriv antalet som ett heltal (till exempel 12).")


def rad_id(nyckel) -> str:
    """The id of the row header that names a cell (with the column header, its accessible name)."""
    kategori, kod, kon, grupp = nyckel
    return f"rad-{kategori}-{kod}" if kod else f"rad-{kategori}-{kon}"


def kol_ids(nyckel) -> str:
    kategori, kod, kon, grupp = nyckel
    return f"kol-{kon} kol-{kon}-{grupp}" if kod else f"kol-{grupp}"


class UtfallForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INTEGER_MAX)

    def __init__(self, *args, las: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for nyckel in alla_nycklar():
            attrs = {
                "inputmode": "numeric",
                "min": "0",
                "class": "cell",
                "autocomplete": "off",
                "aria-labelledby": f"{rad_id(nyckel)} {kol_ids(nyckel)}",
            }
            if las:
                attrs["disabled"] = True
            self.fields[falt_namn(nyckel)] = HeltalField(
                invalid=ANTAL_FEL, label="", widget=forms.NumberInput(attrs=attrs)
            )
        swedish_messages(self)

    @staticmethod
    def initial_from(version: int, varden: Varden) -> dict:
        return {"version": version} | {falt_namn(n): v for n, v in varden.items()}

    def varden(self) -> Varden:
        return {n: self.cleaned_data.get(falt_namn(n)) for n in alla_nycklar()}

    def mark_errors(self) -> None:
        """Cells with an error point at their message (the error summary links to the cell)."""
        for name in self.errors:
            if name in self.fields and name != "version":
                self.fields[name].widget.attrs["aria-describedby"] = f"fel-{name}"

    def felsammanfattning(self) -> list[tuple[str, str]]:
        """(the cell's id or "", message) for the error summary, in the grid's order."""
        rader = [("", str(e)) for e in self.non_field_errors()]
        if "version" in self.errors:
            rader += [("", str(e)) for e in self.errors["version"]]
        for nyckel in alla_nycklar():
            namn = falt_namn(nyckel)
            rader += [(self[namn].auto_id, f"{etikett(nyckel)}: {e}") for e in self.errors.get(namn, [])]
        return rader
