"""The tillgänglighetsredogörelse and its feedback form: public, stored, e-mailed to the administratörer, limited."""

import pytest
from django.core import mail

from synpunkter.models import Synpunkt
from synpunkter.views import MAX_PER_TIMME

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def admin_med_epost(people):
    people.administrator.email = "admin@example.se"
    people.administrator.save()
    return people.administrator


def test_the_statement_is_public_and_names_the_supervisory_authority(client):
    response = client.get("/tillganglighet/")
    assert response.status_code == 200
    text = response.text
    assert "Myndigheten för digital förvaltning" in text
    assert "/tillganglighet/synpunkter/" in text
    assert "Innehåll som inte är tillgängligt" in text


def test_every_page_links_the_statement_in_the_footer(client, people):
    client.force_login(people.forbundsadministrator)
    assert 'href="/tillganglighet/"' in client.get("/").text
    client.logout()
    assert 'href="/tillganglighet/"' in client.get("/konto/logga-in/").text


def test_it_stores_the_message_and_mails_the_administratorer(
    client, admin_med_epost, settings, django_capture_on_commit_callbacks
):
    settings.ADMINS = ["drift@example.se"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/tillganglighet/synpunkter/", {"meddelande": "Knappen går inte att nå.", "epost": "a@b.se"}
        )
    assert response.status_code == 302 and response["Location"] == "/tillganglighet/synpunkter/tack/"
    synpunkt = Synpunkt.objects.get()
    assert (
        synpunkt.meddelande == "Knappen går inte att nå." and synpunkt.epost == "a@b.se" and synpunkt.anvandare is None
    )
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sorted(sent.to) == ["admin@example.se", "drift@example.se"]
    assert sent.reply_to == ["a@b.se"]
    assert "Knappen går inte att nå." in sent.body
    assert "Tack för ditt meddelande" in client.get(response["Location"]).text


def test_it_records_who_was_logged_in(client, people, admin_med_epost, django_capture_on_commit_callbacks):
    client.force_login(people.deltagaransvarig)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tillganglighet/synpunkter/", {"meddelande": "Hej"})
    assert Synpunkt.objects.get().anvandare == people.deltagaransvarig
    assert "deltagaransvarig" in mail.outbox[0].body


def test_it_requires_a_message_and_a_valid_address_in_swedish(client):
    response = client.post("/tillganglighet/synpunkter/", {"meddelande": "", "epost": "inte-en-adress"})
    assert response.status_code == 400
    assert "Skriv ditt meddelande." in response.text
    assert "Skriv en e-postadress som namn@exempel.se." in response.text
    response = client.post("/tillganglighet/synpunkter/", {"meddelande": "x" * 4001})
    assert response.status_code == 400 and "högst 4000 tecken (det har 4001)" in response.text.replace("\xa0", "")
    assert not Synpunkt.objects.exists()


def test_it_limits_messages_per_session(client, admin_med_epost):
    for _ in range(MAX_PER_TIMME):
        assert client.post("/tillganglighet/synpunkter/", {"meddelande": "Hej"}).status_code == 302
    response = client.post("/tillganglighet/synpunkter/", {"meddelande": "Hej igen"})
    assert response.status_code == 400 and "den senaste timmen" in response.text
    assert Synpunkt.objects.count() == MAX_PER_TIMME


def test_a_mail_failure_keeps_the_message(
    client, admin_med_epost, settings, django_capture_on_commit_callbacks, monkeypatch
):
    def fail(*args, **kwargs):
        raise OSError("SMTP nere")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/tillganglighet/synpunkter/", {"meddelande": "Hej"}).status_code == 302
    assert Synpunkt.objects.count() == 1


def test_the_admin_lists_messages_read_only(client, people):
    Synpunkt.objects.create(meddelande="Hej")
    client.force_login(people.administrator)
    assert client.get("/admin/synpunkter/synpunkt/").status_code == 200
    pk = Synpunkt.objects.get().pk
    assert client.get(f"/admin/synpunkter/synpunkt/{pk}/change/").status_code == 200
    assert client.post(f"/admin/synpunkter/synpunkt/{pk}/change/", {"meddelande": "Ändrat"}).status_code == 403
    assert client.get("/admin/synpunkter/synpunkt/add/").status_code == 403
    assert Synpunkt.objects.get().meddelande == "Hej"
