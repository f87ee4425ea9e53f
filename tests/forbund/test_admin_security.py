"""Nobody takes over an account through the admin site, and nobody changes reported figures there.

An administratör (the role, not a superuser) tries every form of the admin site that changes a user or a role,
against a superuser and against another administratör; each is refused and nothing changes. Passwords are set
only by their owner, through a one-time link that expires.
"""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail

from ekonomi.models import Arsekonomi
from forbund.models import Behorighet, Roll
from tests.factories import BehorighetFactory, InsatsArFactory, InsatsFactory, UserFactory

pytestmark = pytest.mark.django_db

NYTT_LOSENORD = "Blabarsskog-Ostersund-77"


@pytest.fixture
def konton(people):
    """The acting administratör, a superuser, another administratör and an ordinary user to aim at."""
    superuser = UserFactory(username="rot", email="rot@example.se", is_superuser=True, is_staff=True)
    annan_admin = UserFactory(username="annan-admin", email="annan@example.se")
    BehorighetFactory(user=annan_admin, roll=Roll.ADMINISTRATOR, forbund=None)
    vanlig = UserFactory(username="vanlig", email="vanlig@example.se")
    return {"superuser": superuser, "annan_admin": annan_admin, "vanlig": vanlig}


def fakta(user):
    """What an account takeover or an escalation would change."""
    user.refresh_from_db()
    return (user.password, user.username, user.email, user.is_active, user.is_staff, user.is_superuser)


def roller(user):
    return sorted(Behorighet.objects.filter(user=user).values_list("roll", "forbund_id"))


SKYDDADE = ["superuser", "annan_admin"]


# ---------------------------------------------------------------- Users


@pytest.mark.parametrize("mal", [*SKYDDADE, "vanlig"])
@pytest.mark.parametrize("aktor", ["administrator", "superuser"])
def test_nobody_can_set_another_persons_password_in_the_admin(client, people, konton, aktor, mal):
    user = konton[mal]
    client.force_login(people.administrator if aktor == "administrator" else konton["superuser"])
    fore = fakta(user)
    url = f"/admin/auth/user/{user.pk}/password/"
    assert client.get(url).status_code == 403
    data = {"password1": NYTT_LOSENORD, "password2": NYTT_LOSENORD, "usable_password": "true"}
    assert client.post(url, data).status_code == 403
    assert fakta(user) == fore
    assert not user.check_password(NYTT_LOSENORD)


@pytest.mark.parametrize("mal", SKYDDADE)
def test_an_administrator_cannot_change_a_superuser_or_another_administrator(client, people, konton, mal):
    user = konton[mal]
    client.force_login(people.administrator)
    fore = fakta(user)
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {"username": user.username, "email": "min@example.se", "first_name": "X", "last_name": "Y", "is_active": ""},
    )
    assert response.status_code == 403
    assert fakta(user) == fore


@pytest.mark.parametrize("mal", SKYDDADE)
def test_an_administrator_cannot_delete_a_superuser_or_another_administrator(client, people, konton, mal):
    user = konton[mal]
    client.force_login(people.administrator)
    url = f"/admin/auth/user/{user.pk}/delete/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize("mal", SKYDDADE)
def test_the_bulk_delete_refuses_when_a_superuser_or_administrator_is_selected(client, people, konton, mal):
    client.force_login(people.administrator)
    valda = [konton["vanlig"].pk, konton[mal].pk]
    response = client.post("/admin/auth/user/", {"action": "delete_selected", "_selected_action": valda, "post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk__in=valda).count() == 2


@pytest.mark.parametrize("mal", SKYDDADE)
def test_an_administrator_cannot_send_a_password_link_to_a_superuser_or_another_administrator(
    client, people, konton, mal
):
    user = konton[mal]
    client.force_login(people.administrator)
    response = client.post("/admin/auth/user/", {"action": "skicka_losenordslank", "_selected_action": [user.pk]})
    assert response.status_code == 403
    assert client.post(f"/admin/auth/user/{user.pk}/skicka-losenordslank/").status_code == 403
    assert mail.outbox == []


def test_a_superuser_may_change_an_administrator_but_not_set_the_password(client, konton):
    user = konton["annan_admin"]
    client.force_login(konton["superuser"])
    response = client.get(f"/admin/auth/user/{user.pk}/change/")
    assert response.status_code == 200
    assert "/password/" not in response.text
    assert "Skicka länk för nytt lösenord" in response.text


def test_an_administrator_may_change_an_ordinary_user_but_not_the_address_of_an_account_in_use(client, people, konton):
    user = konton["vanlig"]
    client.force_login(people.administrator)
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {"username": "vanlig", "email": "min@example.se", "first_name": "A", "last_name": "B", "is_active": "on"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.email) == ("A", "vanlig@example.se")


def test_an_administrator_may_correct_the_address_of_an_invitation(client, people):
    user = UserFactory(username="inbjuden", email="fel@example.se", password=None)
    user.set_unusable_password()
    user.save()
    client.force_login(people.administrator)
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {"username": "inbjuden", "email": "ratt@example.se", "first_name": "A", "last_name": "B", "is_active": "on"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "ratt@example.se"


@pytest.mark.parametrize("aktor", ["administrator", "superuser"])
def test_a_new_user_gets_no_password_from_the_admin_but_an_invitation(client, people, konton, aktor):
    client.force_login(people.administrator if aktor == "administrator" else konton["superuser"])
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "nykomling",
            "first_name": "Ny",
            "last_name": "Komling",
            "email": "ny@example.se",
            # Fields of Django's own form: ignored, the password is never chosen here.
            "usable_password": "true",
            "password1": NYTT_LOSENORD,
            "password2": NYTT_LOSENORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nykomling")
    assert not user.has_usable_password()
    assert not user.is_superuser and not user.is_staff
    assert [m.to for m in mail.outbox] == [["ny@example.se"]]
    assert "Ett konto har skapats åt dig" in mail.outbox[0].body

    satt_losenord(client, lank_i(mail.outbox[0]))
    user.refresh_from_db()
    assert user.check_password(NYTT_LOSENORD)


def test_a_new_user_needs_an_email_address(client, people):
    client.force_login(people.administrator)
    response = client.post("/admin/auth/user/add/", {"username": "utanpost", "email": ""})
    assert response.status_code == 200
    assert not User.objects.filter(username="utanpost").exists()


def test_an_administrator_cannot_open_the_groups(client, people):
    client.force_login(people.administrator)
    assert client.get("/admin/auth/group/add/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403


# ---------------------------------------------------------------- Roles


def post_behorighet(client, url, user, roll, forbund=None):
    return client.post(url, {"user": user.pk, "roll": roll, "forbund": forbund.pk if forbund else ""})


@pytest.mark.parametrize("mal", ["vanlig", "annan_admin", "superuser"])
def test_an_administrator_cannot_grant_the_administrator_role(client, people, konton, mal):
    user = konton[mal]
    client.force_login(people.administrator)
    fore = roller(user)
    response = post_behorighet(client, "/admin/forbund/behorighet/add/", user, Roll.ADMINISTRATOR)
    assert response.status_code == 200  # the form, with an error
    assert roller(user) == fore


@pytest.mark.parametrize("mal", [*SKYDDADE, "sig_sjalv"])
def test_an_administrator_cannot_give_a_superuser_or_administrator_a_forbund_role(client, people, konton, mal):
    user = people.administrator if mal == "sig_sjalv" else konton[mal]
    client.force_login(people.administrator)
    fore = roller(user)
    response = post_behorighet(
        client, "/admin/forbund/behorighet/add/", user, Roll.FORBUNDSADMINISTRATOR, people.forbund
    )
    assert response.status_code == 200
    assert roller(user) == fore


def test_an_administrator_cannot_change_or_delete_another_administrators_role(client, people, konton):
    rad = Behorighet.objects.get(user=konton["annan_admin"], roll=Roll.ADMINISTRATOR)
    client.force_login(people.administrator)
    base = f"/admin/forbund/behorighet/{rad.pk}"
    assert post_behorighet(client, f"{base}/change/", konton["vanlig"], Roll.ADMINISTRATOR).status_code == 403
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    response = client.post(
        "/admin/forbund/behorighet/", {"action": "delete_selected", "_selected_action": [rad.pk], "post": "yes"}
    )
    assert response.status_code == 403
    old = rad.history.earliest()
    assert client.post(f"{base}/history/{old.history_id}/", {"user": konton["vanlig"].pk}).status_code == 403
    rad.refresh_from_db()
    assert rad.user == konton["annan_admin"]
    assert rad.roll == Roll.ADMINISTRATOR


def test_an_administrator_cannot_change_a_superusers_forbund_role(client, people, konton):
    rad = BehorighetFactory(user=konton["superuser"], roll=Roll.FORBUNDSADMINISTRATOR, forbund=people.forbund)
    client.force_login(people.administrator)
    url = f"/admin/forbund/behorighet/{rad.pk}/change/"
    response = post_behorighet(client, url, konton["superuser"], Roll.DELTAGARANSVARIG, people.forbund)
    assert response.status_code == 403
    assert client.post(f"/admin/forbund/behorighet/{rad.pk}/delete/", {"post": "yes"}).status_code == 403
    rad.refresh_from_db()
    assert rad.roll == Roll.FORBUNDSADMINISTRATOR


def test_an_administrator_cannot_turn_an_ordinary_role_into_the_administrator_role(client, people, konton):
    rad = BehorighetFactory(user=konton["vanlig"], roll=Roll.NATIONELL_HANDLAGGARE, forbund=None)
    client.force_login(people.administrator)
    response = post_behorighet(client, f"/admin/forbund/behorighet/{rad.pk}/change/", konton["vanlig"], "administrator")
    assert response.status_code == 200
    rad.refresh_from_db()
    assert rad.roll == Roll.NATIONELL_HANDLAGGARE


def test_an_administrator_still_grants_ordinary_roles(client, people, konton):
    client.force_login(people.administrator)
    response = post_behorighet(
        client, "/admin/forbund/behorighet/add/", konton["vanlig"], Roll.FORBUNDSADMINISTRATOR, people.forbund
    )
    assert response.status_code == 302
    assert roller(konton["vanlig"]) == [(Roll.FORBUNDSADMINISTRATOR, people.forbund.pk)]


def test_a_superuser_may_grant_the_administrator_role(client, konton):
    client.force_login(konton["superuser"])
    response = post_behorighet(client, "/admin/forbund/behorighet/add/", konton["vanlig"], Roll.ADMINISTRATOR)
    assert response.status_code == 302
    assert roller(konton["vanlig"]) == [(Roll.ADMINISTRATOR, None)]


# ---------------------------------------------------------------- The one-time link


def lank_i(meddelande) -> str:
    return re.search(r"https?://[^/\s]+(/konto/nytt-losenord/\S+/)", meddelande.body).group(1)


def satt_losenord(client, lank):
    """Follow the link (Django moves the token to the session) and choose the password."""
    response = client.get(lank)
    assert response.status_code == 302
    response = client.post(response.url, {"new_password1": NYTT_LOSENORD, "new_password2": NYTT_LOSENORD})
    assert response.status_code == 302
    assert response.url == "/konto/nytt-losenord/klart/"


def test_the_admin_sends_a_link_that_works_once(client, people, konton):
    user = konton["vanlig"]
    client.force_login(people.administrator)
    response = client.post("/admin/auth/user/", {"action": "skicka_losenordslank", "_selected_action": [user.pk]})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["vanlig@example.se"]]
    logg = LogEntry.objects.get(object_id=str(user.pk), user=people.administrator)
    assert "Länk för nytt lösenord skickad" in logg.get_change_message()

    lank = lank_i(mail.outbox[0])
    client.logout()
    satt_losenord(client, lank)
    user.refresh_from_db()
    assert user.check_password(NYTT_LOSENORD)

    # A second use is refused, and cannot change the password again.
    response = client.get(lank, follow=True)
    assert "Länken fungerar inte" in response.text
    client.post(lank, {"new_password1": "Annat-losen-123", "new_password2": "Annat-losen-123"})
    user.refresh_from_db()
    assert user.check_password(NYTT_LOSENORD)


def test_the_change_form_button_confirms_then_sends(client, people, konton):
    user = konton["vanlig"]
    client.force_login(people.administrator)
    url = f"/admin/auth/user/{user.pk}/skicka-losenordslank/"
    fore = fakta(user)
    assert url in client.get(f"/admin/auth/user/{user.pk}/change/").text
    assert client.get(url).status_code == 200
    assert mail.outbox == []
    assert client.post(url).status_code == 302
    assert len(mail.outbox) == 1
    assert fakta(user) == fore  # the old password stands until the user chooses a new one


def test_an_expired_link_is_refused(client, konton):
    user = konton["vanlig"]
    fore = fakta(user)
    client.post("/konto/glomt-losenord/", {"email": "vanlig@example.se"})
    lank = lank_i(mail.outbox[0])
    senare = datetime.datetime.now() + datetime.timedelta(days=3, hours=1)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=senare):
        response = client.get(lank, follow=True)
    assert "Länken fungerar inte" in response.text
    assert fakta(user) == fore


def test_forgotten_password_from_the_login_page(client, konton):
    assert "/konto/glomt-losenord/" in client.get("/konto/logga-in/").text
    assert client.get("/konto/glomt-losenord/").status_code == 200
    response = client.post("/konto/glomt-losenord/", {"email": "vanlig@example.se"})
    assert response.status_code == 302
    assert response.url == "/konto/glomt-losenord/skickat/"
    assert [m.to for m in mail.outbox] == [["vanlig@example.se"]]
    assert "Uppföljning Finsam" in mail.outbox[0].subject

    satt_losenord(client, lank_i(mail.outbox[0]))
    konton["vanlig"].refresh_from_db()
    assert konton["vanlig"].check_password(NYTT_LOSENORD)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, konton):
    response = client.post("/konto/glomt-losenord/", {"email": "okand@example.se"})
    assert response.url == "/konto/glomt-losenord/skickat/"
    assert mail.outbox == []


# ---------------------------------------------------------------- Reported figures


def test_the_admin_site_cannot_change_an_arsekonomi(client, people, konton):
    rad = Arsekonomi.objects.create(forbund=people.forbund, ar=2024, administration_utfall=100)
    client.force_login(konton["superuser"])
    url = f"/admin/ekonomi/arsekonomi/{rad.pk}/change/"
    assert client.get(url).status_code == 200  # reading is fine
    response = client.post(url, {"forbund": people.forbund.pk, "ar": 2024, "administration_utfall": 999})
    assert response.status_code == 403
    assert client.post(f"/admin/ekonomi/arsekonomi/{rad.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/ekonomi/arsekonomi/add/").status_code == 403
    rad.refresh_from_db()
    assert (rad.administration_utfall, rad.version) == (100, 1)


def test_the_admin_site_cannot_change_an_insats(client, people, konton):
    insats = InsatsFactory(forbund=people.forbund, startdatum=datetime.date(2024, 1, 1))
    InsatsArFactory(insats=insats, ar=2024, budget=1000)
    fore = (insats.namn, insats.startdatum, insats.version)
    client.force_login(konton["superuser"])
    url = f"/admin/insatser/insats/{insats.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"namn": "Kapad", "forbund": people.forbund.pk, "startdatum": "2020-01-01"})
    assert response.status_code == 403
    assert client.post(f"/admin/insatser/insats/{insats.pk}/delete/", {"post": "yes"}).status_code == 403
    insats.refresh_from_db()
    assert (insats.namn, insats.startdatum, insats.version) == fore


@pytest.mark.parametrize("modell", ["arsekonomi", "medlemsbidrag", "statsbidrag"])
def test_no_economy_figures_can_be_added_in_the_admin_site(client, konton, modell):
    client.force_login(konton["superuser"])
    assert client.get(f"/admin/ekonomi/{modell}/add/").status_code == 403
