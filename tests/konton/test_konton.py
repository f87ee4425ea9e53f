"""Användare och behörigheter: access without paper (invitations, roles, deactivation, the log and the e-mails)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from rest_framework.authtoken.models import Token

from forbund.models import Behorighet, Roll
from insatser.models import Insats
from konton.models import Behorighetshandelse, Handelsetyp
from tests.factories import BehorighetFactory, InsatsFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def login(client, user):
    client.force_login(user)
    return client


def invite(client, **overrides):
    data = {
        "username": "nyanvandare",
        "first_name": "Ny",
        "last_name": "Användare",
        "email": "ny@example.se",
        "roll": Roll.FORBUNDSADMINISTRATOR,
        "forbund": "",
        **overrides,
    }
    return client.post("/konton/bjud-in/", data)


def link_from(message) -> str:
    return re.search(r"https?://[^/\s]+(/konto/nytt-losenord/\S+)", message.body).group(1)


def test_an_invitation_link_works_once_and_is_refused_the_second_time(client, people):
    login(client, people.administrator)
    response = invite(client, forbund=people.forbund.pk)
    assert response.status_code == 302
    user = User.objects.get(username="nyanvandare")
    assert not user.has_usable_password()
    assert Behorighet.objects.filter(user=user, roll=Roll.FORBUNDSADMINISTRATOR, forbund=people.forbund).exists()
    inbjudan = next(m for m in mail.outbox if "Välj ditt lösenord" in m.body)
    assert inbjudan.to == ["ny@example.se"]
    link = link_from(inbjudan)

    client.logout()
    form_url = client.get(link)["Location"]  # Django swaps the token for a session-bound form address
    response = client.post(
        form_url, {"new_password1": "Ett-langt-losenord-77", "new_password2": "Ett-langt-losenord-77"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Ett-langt-losenord-77")

    client.logout()
    response = client.get(link, follow=True)
    assert "Länken har redan använts eller har gått ut" in response.text


def test_an_administrator_invites_removes_a_role_and_deactivates_with_log_and_mail(client, people):
    login(client, people.administrator)
    invite(client, roll=Roll.NATIONELL_HANDLAGGARE)
    user = User.objects.get(username="nyanvandare")
    assert any("Du har fått rollen Nationell handläggare" in m.body for m in mail.outbox)
    assert list(Behorighetshandelse.objects.filter(galler=user).values_list("typ", flat=True)) == [
        Handelsetyp.ROLL_BEVILJAD,
        Handelsetyp.INBJUDEN,
    ]

    behorighet = Behorighet.objects.get(user=user)
    assert client.get(f"/konton/behorighet/{behorighet.pk}/ta-bort/").status_code == 200  # the confirmation
    mail.outbox.clear()
    assert client.post(f"/konton/behorighet/{behorighet.pk}/ta-bort/").status_code == 302
    assert not Behorighet.objects.filter(user=user).exists()
    assert "Din roll Nationell handläggare i Uppföljning Finsam har tagits bort" in mail.outbox[0].body
    assert mail.outbox[0].to == ["ny@example.se"]

    Token.objects.create(user=user)
    mail.outbox.clear()
    assert client.get(f"/konton/{user.pk}/inaktivera/").status_code == 200
    assert client.post(f"/konton/{user.pk}/inaktivera/").status_code == 302
    user.refresh_from_db()
    assert not user.is_active and not Token.objects.filter(user=user).exists()
    assert "har inaktiverats" in mail.outbox[0].body
    handelse = Behorighetshandelse.objects.first()
    assert handelse.typ == Handelsetyp.INAKTIVERAD and handelse.utford_av == people.administrator

    logg = client.get("/konton/logg/")
    assert logg.status_code == 200
    for text in ("Konto inaktiverat", "Roll borttagen", "Roll beviljad", "Inbjuden"):
        assert text in logg.text


def test_an_administrator_grants_a_role_to_an_existing_user(client, people):
    login(client, people.administrator)
    people.stranger.email = "utomstaende@example.se"
    people.stranger.save()
    response = client.post(
        f"/konton/{people.stranger.pk}/", {"roll": Roll.DELTAGARANSVARIG, "forbund": people.forbund.pk}
    )
    assert response.status_code == 302
    assert Behorighet.objects.filter(user=people.stranger, roll=Roll.DELTAGARANSVARIG).exists()
    assert mail.outbox[0].to == ["utomstaende@example.se"]
    # A förbund's role needs its förbund.
    response = client.post(f"/konton/{people.stranger.pk}/", {"roll": Roll.FORBUNDSADMINISTRATOR, "forbund": ""})
    assert response.status_code == 400 and "välj förbund" in response.text


def test_the_user_list_searches_sorts_and_shows_roles(client, people):
    login(client, people.administrator)
    response = client.get("/konton/?q=Annat")
    assert "annan-chef" in response.text and "utomstaende" not in response.text
    assert "Förbundsadministratör – Samordningsförbundet Annat" in response.text
    response = client.get("/konton/?sortera=-anvandarnamn")
    assert response.text.index("utomstaende") < response.text.index("annan-chef")
    assert client.get("/konton/?sortera=nonsens&sida=99").status_code == 200


@pytest.mark.parametrize(
    "path", ["/konton/", "/konton/bjud-in/", "/konton/logg/", "/konton/{pk}/", "/konton/{pk}/inaktivera/"]
)
def test_only_administrators_reach_the_account_pages(client, people, path):
    path = path.format(pk=people.stranger.pk)
    for user in (people.forbundsadministrator, people.deltagaransvarig, people.stranger):
        assert login(client, user).get(path).status_code == 404, (user, path)
    assert login(client, people.handlaggare).get(path).status_code == 403, path  # national, not administratör
    assert login(client, people.administrator).get(path).status_code == 200


def test_an_administrator_cannot_grant_the_administrator_role_nor_touch_other_administrators(client, people):
    login(client, people.administrator)
    response = invite(client, roll=Roll.ADMINISTRATOR)
    assert response.status_code == 400 and not User.objects.filter(username="nyanvandare").exists()
    other = UserFactory(username="admin2")
    BehorighetFactory(user=other, roll=Roll.ADMINISTRATOR)
    superuser = UserFactory(username="super", is_superuser=True)
    for target in (other, superuser):
        assert client.post(f"/konton/{target.pk}/inaktivera/").status_code == 403
        response = client.post(f"/konton/{target.pk}/", {"roll": Roll.NATIONELL_HANDLAGGARE, "forbund": ""})
        assert response.status_code == 403
    behorighet = Behorighet.objects.get(user=other)
    assert client.post(f"/konton/behorighet/{behorighet.pk}/ta-bort/").status_code == 403
    # Nor their own roles (no förbund's write access granted to themselves).
    own = Behorighet.objects.get(user=people.administrator)
    assert client.post(f"/konton/behorighet/{own.pk}/ta-bort/").status_code == 403
    response = client.post(
        f"/konton/{people.administrator.pk}/", {"roll": Roll.FORBUNDSADMINISTRATOR, "forbund": people.forbund.pk}
    )
    assert response.status_code == 403
    assert Behorighet.objects.filter(user__in=[other, people.administrator]).count() == 2 and other.is_active


def test_a_user_sees_their_own_roles(client, people):
    response = login(client, people.forbundsadministrator).get("/konto/")
    assert response.status_code == 200
    assert "Förbundsadministratör" in response.text and "Samordningsförbundet Test" in response.text
    assert 'href="/konto/api-nycklar/"' in response.text and 'href="/konto/losenord/"' in response.text


def test_a_user_changes_their_password(client, people):
    login(client, people.stranger)
    assert "Byt lösenord" in client.get("/konto/losenord/").text
    response = client.post(
        "/konto/losenord/",
        {
            "old_password": "losenord-123",
            "new_password1": "Nytt-langt-losenord-9",
            "new_password2": "Nytt-langt-losenord-9",
        },
    )
    assert response["Location"] == "/konto/losenord/klart/"
    people.stranger.refresh_from_db()
    assert people.stranger.check_password("Nytt-langt-losenord-9")


# ---------------------------------------------------------------- The förbundsadministratör's page


def test_a_forbundsadministrator_appoints_a_deltagaransvarig_and_assigns_insatser(client, people):
    a, b = InsatsFactory(forbund=people.forbund, namn="Steget"), InsatsFactory(forbund=people.forbund, namn="Vägen")
    login(client, people.forbundsadministrator)
    assert client.get("/forbund/test/anvandare/").status_code == 200

    response = client.post(
        "/forbund/test/anvandare/utse/", {"email": "kalle@example.se", "first_name": "Kalle", "last_name": "Ek"}
    )
    kalle = User.objects.get(email="kalle@example.se")
    assert response["Location"] == f"/forbund/test/anvandare/{kalle.pk}/insatser/"
    assert Behorighet.objects.filter(user=kalle, roll=Roll.DELTAGARANSVARIG, forbund=people.forbund).exists()
    assert not kalle.has_usable_password()
    assert any("/konto/nytt-losenord/" in m.body for m in mail.outbox)  # the invitation
    assert any("Du har fått rollen Deltagaransvarig (Samordningsförbundet Test)" in m.body for m in mail.outbox)

    mail.outbox.clear()
    response = client.post(f"/forbund/test/anvandare/{kalle.pk}/insatser/", {"insatser": [a.pk, b.pk]})
    assert response.status_code == 302
    assert set(kalle.ansvarig_for_insatser.all()) == {a, b}
    assert "Steget, Vägen" in mail.outbox[0].body
    a.refresh_from_db()
    assert a.version == 2
    record = a.history.latest()
    assert record.history_user == people.forbundsadministrator
    assert list(record.deltagaransvariga.values_list("user_id", flat=True)) == [kalle.pk]

    client.post(f"/forbund/test/anvandare/{kalle.pk}/insatser/", {"insatser": [b.pk]})
    assert list(kalle.ansvarig_for_insatser.all()) == [b]
    page = client.get("/forbund/test/anvandare/").text
    assert "Kalle Ek" in page and "Vägen" in page

    # An existing account gets the role by its e-mail address.
    people.stranger.email = "utomstaende@example.se"
    people.stranger.save()
    client.post("/forbund/test/anvandare/utse/", {"email": "UTOMSTAENDE@example.se"})
    assert Behorighet.objects.filter(user=people.stranger, roll=Roll.DELTAGARANSVARIG, forbund=people.forbund).exists()


def test_removing_a_deltagaransvarig_takes_them_off_the_insatser(client, people):
    insats = InsatsFactory(forbund=people.forbund)
    insats.deltagaransvariga.add(people.deltagaransvarig)
    people.deltagaransvarig.email = "da@example.se"
    people.deltagaransvarig.save()
    login(client, people.forbundsadministrator)
    url = f"/forbund/test/anvandare/{people.deltagaransvarig.pk}/ta-bort/"
    assert "Ja, ta bort rollen" in client.get(url).text
    assert client.post(url).status_code == 302
    assert not Behorighet.objects.filter(user=people.deltagaransvarig).exists()
    assert not Insats.objects.get(pk=insats.pk).deltagaransvariga.exists()
    assert "Din roll Deltagaransvarig (Samordningsförbundet Test)" in mail.outbox[-1].body
    assert Behorighetshandelse.objects.filter(
        galler=people.deltagaransvarig, typ=Handelsetyp.ROLL_BORTTAGEN, utford_av=people.forbundsadministrator
    ).exists()


def test_a_forbundsadministrator_cannot_appoint_in_another_forbund(client, people):
    login(client, people.forbundsadministrator)
    for path in ("/forbund/annat/anvandare/", "/forbund/annat/anvandare/utse/"):
        assert client.get(path).status_code == 404
    response = client.post("/forbund/annat/anvandare/utse/", {"email": "kalle@example.se"})
    assert response.status_code == 404 and not User.objects.filter(email="kalle@example.se").exists()
    other_insats = InsatsFactory(forbund=people.other_forbund)
    # Assigning an insats of another förbund is not a choice.
    response = client.post(
        f"/forbund/test/anvandare/{people.deltagaransvarig.pk}/insatser/", {"insatser": [other_insats.pk]}
    )
    assert response.status_code == 400 and not other_insats.deltagaransvariga.exists()


def test_a_forbundsadministrator_grants_no_other_role_and_touches_no_administrator(client, people):
    from django.core.exceptions import PermissionDenied

    from konton.services import roll_grant

    for roll in (Roll.FORBUNDSADMINISTRATOR, Roll.NATIONELL_HANDLAGGARE, Roll.ADMINISTRATOR):
        forbund = people.forbund if roll == Roll.FORBUNDSADMINISTRATOR else None
        with pytest.raises(PermissionDenied):
            roll_grant(user=people.stranger, roll=roll, forbund=forbund, utford_av=people.forbundsadministrator)
    people.administrator.email = "admin@example.se"
    people.administrator.save()
    login(client, people.forbundsadministrator)
    response = client.post("/forbund/test/anvandare/utse/", {"email": "admin@example.se"})
    assert response.status_code == 400 and "administratör ändra" in response.text
    assert not Behorighet.objects.filter(user=people.administrator, roll=Roll.DELTAGARANSVARIG).exists()


def test_the_forbunds_other_people_get_403_and_outsiders_404(client, people):
    paths = [
        "/forbund/test/anvandare/",
        "/forbund/test/anvandare/utse/",
        f"/forbund/test/anvandare/{people.deltagaransvarig.pk}/insatser/",
        f"/forbund/test/anvandare/{people.deltagaransvarig.pk}/ta-bort/",
    ]
    for path in paths:
        for user in (people.deltagaransvarig, people.handlaggare, people.administrator):
            assert login(client, user).get(path).status_code == 403, (user, path)
        for user in (people.other_forbundsadministrator, people.stranger):
            assert login(client, user).get(path).status_code == 404, (user, path)
    # Not a deltagaransvarig of the förbund: nothing to assign.
    login(client, people.forbundsadministrator)
    assert client.get(f"/forbund/test/anvandare/{people.stranger.pk}/insatser/").status_code == 404


def test_a_protected_account_shows_no_forms_to_an_administrator(client, people):
    other = UserFactory(username="admin2")
    BehorighetFactory(user=other, roll=Roll.ADMINISTRATOR)
    page = login(client, people.administrator).get(f"/konton/{other.pk}/").text
    assert "bara en superanvändare kan ändra" in page
    assert "Bevilja rollen" not in page and "Ta bort rollen" not in page and "Inaktivera kontot" not in page
    assert "Bevilja rollen" in client.get(f"/konton/{people.stranger.pk}/").text
    assert 'href="?q=a%26b&amp;sortera=namn"' in client.get("/konton/?q=a%26b").text


def test_an_insats_form_opened_before_an_assignment_cannot_put_the_old_list_back(people):
    from insatser.services import Konflikt, insats_update
    from konton.services import deltagaransvarig_insatser_set

    insats = InsatsFactory(forbund=people.forbund)
    opened = insats.version
    deltagaransvarig_insatser_set(
        forbund=people.forbund, user=people.deltagaransvarig, insatser=[insats], utford_av=people.forbundsadministrator
    )
    with pytest.raises(Konflikt):
        insats_update(insats=insats, version=opened, deltagaransvariga=[])
    assert list(insats.deltagaransvariga.all()) == [people.deltagaransvarig]
    log = Behorighetshandelse.objects.get(typ=Handelsetyp.INSATSER_ANDRADE)
    assert log.galler == people.deltagaransvarig and insats.namn in log.text
