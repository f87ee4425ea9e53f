"""The draft opened with python-docx: its tables and sentences agree with the statistics JSON."""

import pytest
from django.core.management import CommandError, call_command

from insatser.models import Inriktning, InsatsAr, Malgrupp
from rapport.meningar import tal
from rapport.procent import hel_procent, procentenheter
from rapport.selectors import rapport_underlag
from rapport.skydd import skydda_statistik
from rapport.utkast import skapa_utkast
from rapportering.uttag import uttag_ta
from statistik.arsstatistik import ar_statistik
from statistik.urval import Urval
from tests.factories import UserFactory
from tests.rapport.hjalp import kolumn, oppna, tabell, text

pytestmark = pytest.mark.django_db


def andel(a, b):
    return 100 * a / b if b else None


def pe(nu, fore):
    """The report's change of a share as the table writes it: "+2", "−3", "0"."""
    v = procentenheter(nu, fore)
    return f"+{v}" if v > 0 else (f"−{-v}" if v < 0 else "0")


@pytest.fixture
def utkast(handdata):
    return oppna(skapa_utkast(rapport_underlag(2024)))


@pytest.fixture
def json_2024(handdata):
    """The year's JSON with its counts of people as the draft may show them (rapport.skydd: ".." where hidden)."""
    return tuple(skydda_statistik(ar_statistik(Urval(ar=a)), None).statistik for a in (2024, 2023))


def test_tabell_1_is_the_json_s_individinriktade_per_inriktning(utkast, json_2024):
    nu, fore = json_2024
    rader = tabell(utkast, "Tabell 1.")
    tot, ftot = nu["insatser"]["individinriktade"], fore["insatser"]["individinriktade"]
    for kod in ("arbetslivsinriktad", "forberedande", "identifiera_behov", "forebyggande"):
        inr = Inriktning.objects.get(kod=kod)
        a, b = nu["individinriktade"]["per_inriktning"][kod], fore["individinriktade"]["per_inriktning"][kod]
        k = kolumn(rader, inr.namn)
        assert k["Antal insatser"] == tal(a["insatser"])
        assert k["Andel av totalt antal insatser"] == f"{hel_procent(andel(a['insatser'], tot))} %"
        assert k["Förändring mot 2023 (procentenheter)"] == pe(andel(a["insatser"], tot), andel(b["insatser"], ftot))
        assert k["Antal deltagare"] == tal(a["deltagare"])
    totalt = kolumn(rader, "Totalt")
    assert totalt["Antal insatser"] == tal(tot) == "5"
    assert totalt["Antal deltagare"] == tal(nu["individinriktade"]["deltagare"])
    # Largest first, as the report orders its columns.
    antal = [int(c) for c in rader[1][1:-1]]
    assert antal == sorted(antal, reverse=True)


def test_tabell_2_is_the_json_s_strukturovergripande_per_inriktning(utkast, json_2024):
    nu, _fore = json_2024
    rader = tabell(utkast, "Tabell 2.")
    st = nu["strukturovergripande"]
    for kod, a in st["per_inriktning"].items():
        inr = Inriktning.objects.get(kod=kod)
        if inr.system != "uppfoljning_finsam":
            continue
        k = kolumn(rader, inr.namn)
        assert k["Antal insatser"] == tal(a["insatser"])
        assert k["Med deltagaruppföljning"] == tal(a["med_deltagaruppfoljning"])
        assert k["Antal deltagare"] == tal(a["deltagare"])
    assert kolumn(rader, "Totalt")["Antal deltagare"] == tal(st["deltagare"])


def test_the_malgrupper_and_diagram_2_s_data_are_the_json_s(utkast, json_2024):
    nu, _fore = json_2024
    rader = {r[0]: r[1] for r in tabell(utkast, "Underlag till diagram 2")[1:]}
    for m in Malgrupp.objects.all():
        assert rader[m.namn] == tal(nu["individinriktade"]["malgrupper"][m.kod])


def test_the_standard_sentences_carry_the_json_s_figures_and_the_right_word(utkast, json_2024):
    nu, fore = json_2024
    t = text(utkast)
    ins = nu["insatser"]
    assert (
        f"Under 2024 har samordningsförbunden finansierat totalt {ins['totalt']} insatser, "
        f"{hel_procent(andel(ins['individinriktade'], ins['totalt']))} procent var individinriktade" in t
    )
    skillnad = ins["totalt"] - fore["insatser"]["totalt"]
    assert skillnad == 3
    assert "Jämfört med 2023 är det en ökning med 3 insatser." in t
    f = nu["forbund"]
    assert (
        f"Vid utgången av 2024 fanns det {f['antal']} samordningsförbund som innefattade "
        f"{f['kommuner_i_forbund']} av Sveriges {f['kommuner_totalt']} kommuner." in t
    )
    # The share of structural insatser rose: the sentence after it says ökning, never minskning.
    sh_nu = andel(ins["strukturovergripande"], ins["totalt"])
    sh_fore = andel(fore["insatser"]["strukturovergripande"], fore["insatser"]["totalt"])
    v = procentenheter(sh_nu, sh_fore)
    ord_ = "ökning" if v > 0 else "minskning"
    assert (
        f"För andelen strukturövergripande insatser är det en {ord_} med {abs(v)} procentenheter jämfört med 2023" in t
    )


def test_the_diagrams_are_images_with_alt_text(utkast):
    bilder = utkast.inline_shapes
    assert len(bilder) == 2
    for bild in bilder:
        descr = bild._inline.docPr.get("descr")
        assert descr and len(descr) > 40
    assert "2024 fanns 70 förbund" in bilder[0]._inline.docPr.get("descr")


def test_diagram_1_marks_the_published_years_and_ends_with_the_json_s_year(utkast, json_2024):
    nu, _fore = json_2024
    rader = tabell(utkast, "Underlag till diagram 1")
    per_ar = {r[0]: r for r in rader[1:]}
    assert per_ar["2021"] == ["2021", "76", "272", "Publicerad"]
    assert per_ar["2023"] == ["2023", "72", "274", "Publicerad"]
    assert per_ar["2024"] == [
        "2024",
        tal(nu["forbund"]["antal"]),
        tal(nu["forbund"]["kommuner_i_forbund"]),
        "Registret",
    ]


def test_the_structure_and_sections_follow_the_report(utkast):
    rubriker = [p.text for p in utkast.paragraphs if p.style.name == "Heading 1"]
    assert rubriker == [
        "Sammanfattning",
        "Förbund och kommuner",
        "Insatser som samordningsförbunden finansierar",
        "Målgrupper i individinriktade insatser",
        "Ekonomisk redovisning",
        "Bilaga 1 Kommuner som ingår i samordningsförbund",
        "Bilaga 2 Beskrivning av inriktningarna i insatser",
    ]
    t = text(utkast)
    assert "{{" not in t
    assert "Totalt antal kommuner som ingår i samordningsförbund: 275" in t
    assert "Totalt antal kommuner utan samordningsförbund: 15" in t
    assert Inriktning.objects.get(kod="behovsanalys").beskrivning in t


def test_live_figures_are_called_preliminary_in_the_footnote(utkast):
    fotnot = [p.text for p in utkast.paragraphs if p.style.name == "Fotnot"]
    assert len(fotnot) == 1 and "preliminära" in fotnot[0] and "inte ett uttag" in fotnot[0]
    assert "Preliminära siffror hämtade" in utkast.sections[0].footer.paragraphs[0].text


def test_the_command_with_an_extract_uses_the_extract_s_figures_after_later_edits(handdata, tmp_path):
    user = UserFactory(username="granskare-test")
    uttag = uttag_ta(ar=2024, user=user)
    deltagare_vid_uttaget = uttag.statistik["statistik"]["individinriktade"]["deltagare"]
    rad = InsatsAr.objects.filter(ar=2024, deltagare_kvinnor__isnull=False).first()
    rad.deltagare_kvinnor += 1000
    rad.save()
    assert ar_statistik(Urval(ar=2024))["individinriktade"]["deltagare"] == deltagare_vid_uttaget + 1000

    ut = tmp_path / "rapport.docx"
    call_command("export_rapport", "--ar", "2024", "--uttag", "senaste", "--out", str(ut))
    doc = oppna(ut.read_bytes())
    assert kolumn(tabell(doc, "Tabell 1."), "Totalt")["Antal deltagare"] == tal(deltagare_vid_uttaget)
    fotnot = next(p.text for p in doc.paragraphs if p.style.name == "Fotnot")
    assert f"uttag nr {uttag.pk}" in fotnot
    assert f"Uttag nr {uttag.pk}" in doc.sections[0].footer.paragraphs[0].text

    call_command("export_rapport", "--ar", "2024", "--out", str(ut))
    live = oppna(ut.read_bytes())
    assert kolumn(tabell(live, "Tabell 1."), "Totalt")["Antal deltagare"] == tal(deltagare_vid_uttaget + 1000)


def test_the_command_explains_a_missing_extract(handdata, tmp_path):
    with pytest.raises(CommandError, match="Det finns inget uttag ”99” för 2024"):
        call_command("export_rapport", "--ar", "2024", "--uttag", "99", "--out", str(tmp_path / "x.docx"))


def test_figures_not_registered_are_written_as_unknown_not_zero(handdata):
    underlag = rapport_underlag(2024)
    for ek in (underlag.nu["ekonomi"], underlag.fore["ekonomi"]):
        ek["budget_individinriktade"] = ek["budget_strukturovergripande"] = None
    underlag.fore["forbund"]["antal"] = None
    t = text(oppna(skapa_utkast(underlag)))
    assert "Förbunden har budgeterat – av insatskostnaderna till individinriktade insatser och – till" in t
    assert "För antalet förbund finns ingen jämförbar uppgift för 2023." in t
