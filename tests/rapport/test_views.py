"""The draft's download, the template page, and templates that lack a style or field refused in Swedish."""

import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from rapport.mall import STANDARDMALL, MallFel, las_mall
from rapport.models import RapportMall
from tests.rapport.hjalp import oppna, tabell, text

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def mall(*, utan_format: str = "", utan_falt: str = "", extra: str = "") -> bytes:
    """The standard template, with one style or one field taken out, or an extra paragraph."""
    doc = docx.Document(str(STANDARDMALL))
    if utan_format:
        el = doc.styles[utan_format].element
        el.getparent().remove(el)
    for p in [*doc.paragraphs, *doc.sections[0].footer.paragraphs]:
        if utan_falt and f"{{{{ {utan_falt} }}}}" in p.text:
            p.text = p.text.replace(f"{{{{ {utan_falt} }}}}", "")
    if extra:
        doc.add_paragraph(extra)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def upload(client, data: bytes, namn="FK:s mall 2025", filnamn="fk.docx"):
    return client.post("/rapport/mallar/", {"namn": namn, "fil": SimpleUploadedFile(filnamn, data, content_type=DOCX)})


def test_a_national_user_downloads_the_draft(client, people, handdata):
    client.force_login(people.handlaggare)
    response = client.get("/statistik/rapport.docx?ar=2024")
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert 'filename="finsam-rapport-2024-preliminar.docx"' in response["Content-Disposition"]
    doc = oppna(response.content)
    assert tabell(doc, "Tabell 1.")[1][0] == "Antal insatser"


def test_the_dashboard_links_the_draft(client, people, handdata):
    client.force_login(people.handlaggare)
    assert 'href="/statistik/rapport.docx?ar=2024"' in client.get("/statistik/?ar=2024").content.decode()


@pytest.mark.parametrize("vem", ["forbundsadministrator", "deltagaransvarig", "stranger"])
def test_others_do_not_learn_the_draft_exists(client, people, vem):
    client.force_login(getattr(people, vem))
    assert client.get("/statistik/rapport.docx?ar=2024").status_code == 404
    assert client.get("/rapport/mallar/").status_code == 404
    assert client.get("/rapport/mallar/standard.docx").status_code == 404


def test_a_bad_year_or_an_unknown_extract_is_refused(client, people):
    client.force_login(people.handlaggare)
    response = client.get("/statistik/rapport.docx?ar=20x4")
    assert response.status_code == 400 and "Välj ett år som har börjat" in response.content.decode()
    assert client.get("/statistik/rapport.docx?ar=2999").status_code == 400
    assert client.get("/statistik/rapport.docx?ar=2024&uttag=12345").status_code == 404


def test_a_handlaggare_reads_the_template_page_but_cannot_upload(client, people):
    client.force_login(people.handlaggare)
    page = client.get("/rapport/mallar/")
    assert page.status_code == 200 and "{{ innehall }}" in page.content.decode()
    assert upload(client, mall()).status_code == 403
    assert not RapportMall.objects.exists()


def test_an_administrator_uploads_fk_s_template_and_the_draft_uses_it(client, people, handdata):
    client.force_login(people.administrator)
    response = upload(client, mall(extra="FK:s egen mall"))
    assert response.status_code == 302
    uppladdad = RapportMall.objects.get()
    assert uppladdad.aktiv and uppladdad.uppladdad_av == people.administrator
    assert "FK:s egen mall" in text(oppna(client.get("/statistik/rapport.docx?ar=2024").content))

    client.post("/rapport/mallar/", {"atgard": "standard"})
    assert not RapportMall.objects.filter(aktiv=True).exists()
    assert "FK:s egen mall" not in text(oppna(client.get("/statistik/rapport.docx?ar=2024").content))


@pytest.mark.parametrize(
    ("andring", "meddelande"),
    [
        ({"utan_format": "Heading 2"}, "Mallen saknar formatmallen ”Heading 2” (Rubrik 2 i svenska Word)."),
        ({"utan_format": "Fotnot"}, "Mallen saknar formatmallen ”Fotnot”"),
        ({"utan_falt": "innehall"}, "Mallen saknar fältet {{ innehall }}, som visar där rapportens text"),
        ({"utan_falt": "kalla"}, "Mallen saknar fältet {{ kalla }}"),
        ({"extra": "{{ rubrik }}"}, "Mallen har okända fält: {{ rubrik }}."),
    ],
)
def test_a_template_missing_a_style_or_field_is_refused_with_a_clear_message(client, people, andring, meddelande):
    client.force_login(people.administrator)
    response = upload(client, mall(**andring))
    assert response.status_code == 400
    assert meddelande in response.content.decode().replace("&quot;", '"')
    assert not RapportMall.objects.exists()
    with pytest.raises(MallFel, match=meddelande.split(" (")[0].replace("{", r"\{").replace("}", r"\}")):
        las_mall(mall(**andring))


def test_a_file_that_is_no_word_document_is_refused(client, people):
    client.force_login(people.administrator)
    response = upload(client, b"%PDF-1.4 inte en mall", filnamn="mall.docx")
    assert response.status_code == 400
    assert "Filen är inte ett Word-dokument (.docx)." in response.content.decode()


def test_a_template_is_checked_again_before_the_draft_is_written(client, people, handdata):
    # A template that reached the storage without the upload page's check (the admin site, a restore).
    trasig = RapportMall(namn="Trasig", uppladdad_av=people.administrator, aktiv=True)
    trasig.fil.save("trasig.docx", ContentFile(mall(utan_format="Caption")), save=True)
    client.force_login(people.handlaggare)
    response = client.get("/statistik/rapport.docx?ar=2024")
    assert response.status_code == 409
    assert "Mallen saknar formatmallen ”Caption”" in response.content.decode()


def test_the_standard_template_can_be_downloaded_and_passes_its_own_check(client, people):
    client.force_login(people.handlaggare)
    response = client.get("/rapport/mallar/standard.docx")
    assert response.status_code == 200
    las_mall(b"".join(response.streaming_content))


def test_the_content_field_must_be_in_the_body_and_a_zip_bomb_is_refused():
    doc = docx.Document(str(STANDARDMALL))
    for p in doc.paragraphs:
        if "{{ innehall }}" in p.text:
            p.text = ""
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "{{ innehall }}"
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(MallFel, match="måste stå i ett eget stycke i dokumentets brödtext"):
        las_mall(out.getvalue())

    import zipfile

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(MallFel, match="för stor uppackad"):
        las_mall(bomb.getvalue())
