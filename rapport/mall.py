"""The Word template of the draft: which styles and fields it must have, and checking a template before use.

The draft is written with python-docx into a template whose styles Försäkringskassan can change in Word. A template
must hold the styles the draft uses and the fields (written {{ namn }} in the text) where it puts its content.
"""

import io
import re
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

STANDARDMALL = Path(__file__).parent / "mallar" / "standard.docx"
MAX_STORLEK = 5 * 1024 * 1024  # a template is styles and a page or two; 5 MB is plenty
MAX_UPPACKAD = 50 * 1024 * 1024

# Style name (as python-docx and Word's XML name it) -> what Swedish Word calls it, for the error message.
FORMATMALLAR = {
    "Normal": gettext_lazy("Normal"),
    "Title": gettext_lazy("Rubrik"),
    "Heading 1": gettext_lazy("Rubrik 1"),
    "Heading 2": gettext_lazy("Rubrik 2"),
    "Heading 3": gettext_lazy("Rubrik 3"),
    "Caption": gettext_lazy("Beskrivning"),
    "List Bullet": gettext_lazy("Punktlista"),
    "Table Grid": gettext_lazy("Tabellrutnät"),
    "Fotnot": gettext_lazy("Fotnot (egen formatmall för källhänvisningar)"),
}

# Fields the template must contain; the others may be left out.
KRAVDA_FALT = {
    "innehall": gettext_lazy("där rapportens text, tabeller och diagram ska stå"),
    "kalla": gettext_lazy("uttaget som siffrorna kommer från, till exempel i sidfoten"),
}
FRIVILLIGA_FALT = {"titel", "ar", "datum"}
FALT = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class MallFel(Exception):
    """A template the draft cannot be written into; the message is Swedish and says what to fix."""

    def __init__(self, fel: list[str]):
        self.fel = fel
        super().__init__(" ".join(fel))


def alla_stycken(doc):
    """Every paragraph in the body, its tables, and every header and footer."""

    def i_behallare(b):
        yield from b.paragraphs
        for tabell in b.tables:
            for rad in tabell.rows:
                for cell in rad.cells:
                    yield from i_behallare(cell)

    yield from i_behallare(doc)
    for section in doc.sections:
        delar = [section.header, section.footer]
        if section.different_first_page_header_footer:
            delar += [section.first_page_header, section.first_page_footer]
        for del_ in delar:
            if not del_.is_linked_to_previous:
                yield from i_behallare(del_)


def oppna(data: bytes):
    """The template as a python-docx Document, or MallFel if the file is no Word document."""
    import docx  # python-docx: imported here so that pages without a draft never load it

    if len(data) > MAX_STORLEK:
        raise MallFel([_("Mallen är större än 5 MB. En mall behöver bara formatmallar och en sida eller två.")])
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise MallFel([_("Filen är inte ett Word-dokument (.docx). Spara mallen i Word som ”Word-dokument”.")])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        # A small file that unpacks to gigabytes would take the server down before any check could run.
        if sum(info.file_size for info in zf.infolist()) > MAX_UPPACKAD:
            raise MallFel([_("Mallen är för stor uppackad. En mall behöver bara formatmallar och en sida eller två.")])
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a ZIP that is no Word document
        raise MallFel([_("Filen är inte ett Word-dokument (.docx). Spara mallen i Word som ”Word-dokument”.")]) from exc


def granska(doc) -> list[str]:
    """What the template lacks, in Swedish (empty: it can be used)."""
    fel = []
    finns = {s.name for s in doc.styles}
    for namn, svenskt in FORMATMALLAR.items():
        if namn not in finns:
            fel.append(
                _(
                    "Mallen saknar formatmallen ”%(namn)s” (%(svenskt)s i svenska Word). Lägg till den och ladda upp "
                    "mallen igen."
                )
                % {"namn": namn, "svenskt": svenskt}
            )
    falt = {m.group(1) for p in alla_stycken(doc) for m in FALT.finditer(p.text)}
    i_brodtext = {m.group(1) for p in doc.paragraphs for m in FALT.finditer(p.text)}
    for namn, var in KRAVDA_FALT.items():
        if namn == "innehall" and namn in falt and namn not in i_brodtext:
            fel.append(
                _(
                    "Fältet {{ innehall }} måste stå i ett eget stycke i dokumentets brödtext, inte i en tabell, ett "
                    "sidhuvud eller en sidfot."
                )
            )
        elif namn not in falt:
            fel.append(
                _(
                    "Mallen saknar fältet {{ %(namn)s }}, som visar %(var)s. Skriv det i mallens text och ladda upp "
                    "mallen igen."
                )
                % {"namn": namn, "var": var}
            )
    okanda = sorted(falt - set(KRAVDA_FALT) - FRIVILLIGA_FALT)
    if okanda:
        fel.append(
            _("Mallen har okända fält: %(falt)s. Kända fält är %(kanda)s.")
            % {
                "falt": ", ".join(f"{{{{ {f} }}}}" for f in okanda),
                "kanda": ", ".join(f"{{{{ {f} }}}}" for f in sorted({*KRAVDA_FALT, *FRIVILLIGA_FALT})),
            }
        )
    return fel


def las_mall(data: bytes):
    """Open and check a template: the Document, or MallFel with every problem."""
    doc = oppna(data)
    fel = granska(doc)
    if fel:
        raise MallFel(fel)
    return doc


def aktiv_mall_data() -> tuple[bytes, str]:
    """The bytes of the template in use and its name: the newest active upload, else the repository's."""
    from rapport.models import RapportMall

    mall = RapportMall.objects.filter(aktiv=True).first()
    if mall is None:
        return STANDARDMALL.read_bytes(), _("standardmallen")
    with mall.fil.open("rb") as f:
        return f.read(), mall.namn


def fyll_falt(doc, varden: dict[str, str]) -> None:
    """Replace {{ namn }} in every paragraph (a field Word split over several runs is joined into the first)."""
    for p in alla_stycken(doc):
        if "{{" not in p.text or not FALT.search(p.text):
            continue
        text = FALT.sub(lambda m: varden.get(m.group(1), m.group(0)), p.text)
        runs = p.runs
        if runs:
            runs[0].text = text
            for r in runs[1:]:
                r.text = ""
