"""Deleted insatser: a read-only view of the last state and history, and a restore for the förbundsadministratör."""

import pytest

from forbund.models import Roll
from insatser.models import Insats, InsatsAr
from insatser.services import insats_ar_delete, insats_delete
from tests.factories import BehorighetFactory, InsatsArFactory, InsatsFactory, UserFactory
from tests.insatser.conftest import ROLES, client_for, user_for

A, C, OC, DT, DE, H, AD, U = ROLES


def delete(insats):
    insats.refresh_from_db()
    insats_delete(insats=insats, version=insats.version)
    return Insats.history.filter(id=insats.pk, history_type="-").latest("history_date").history_id


@pytest.fixture
def deleted(setup):
    """Steget vidare with 2024 and 2025 figures; 2025 was deleted on its own before the insats."""
    insats = setup.insats
    insats.utforare_fk = True
    insats.save()
    InsatsArFactory(insats=insats, ar=2025, budget=1, deltagare_kvinnor=1)
    insats.refresh_from_db()
    insats_ar_delete(insats=insats, version=insats.version, ar=2025)
    return delete(insats)


def base(setup):
    return f"/forbund/{setup.forbund.slug}/insatser/borttagna"


@pytest.mark.parametrize(
    ("role", "view", "restore_get", "restore_post"),
    [
        (C, 200, 200, 302),
        (OC, 404, 404, 404),
        (DT, 403, 403, 403),
        (H, 200, 403, 403),
        (AD, 200, 403, 403),
        (U, 404, 404, 404),
    ],
)
def test_who_may_view_and_restore(setup, deleted, role, view, restore_get, restore_post):
    client = client_for(user_for(setup, role))
    assert client.get(f"{base(setup)}/{deleted}/").status_code == view
    assert client.get(f"{base(setup)}/{deleted}/aterstall/").status_code == restore_get
    assert client.post(f"{base(setup)}/{deleted}/aterstall/").status_code == restore_post
    assert Insats.objects.filter(pk=setup.insats.pk).exists() == (restore_post == 302)


def test_the_deleted_insats_can_be_read_as_it_was(setup, deleted):
    list_page = client_for(setup.people.handlaggare).get(f"{base(setup)}/").content.decode()
    assert f'href="{base(setup)}/{deleted}/">Steget vidare</a>' in list_page
    assert "aterstall" not in list_page  # a reader is not offered the restore
    response = client_for(setup.people.handlaggare).get(f"{base(setup)}/{deleted}/")
    page = response.content.decode()
    assert "Steget vidare (borttagen)" in page and "Test Person" in page
    assert "<dd>Unga</dd>" in page and "<dd>Försäkringskassan</dd>" in page
    assert [r.ar for r in response.context["b"].rader] == [2024]  # 2025 had been deleted before
    assert "480 000" in page or "480\xa0000" in page
    vad = [h.vad for h in response.context["b"].historik]
    assert vad[0] == "Insatsen togs bort" and "Uppgifterna för 2025 togs bort" in vad
    assert "Återställ insatsen" not in page


def test_a_forbundschef_restores_after_confirming_and_it_is_in_the_history(setup, deleted, chef_client):
    page = chef_client.get(f"{base(setup)}/{deleted}/").content.decode()
    assert f'href="{base(setup)}/{deleted}/aterstall/"' in page
    confirm = chef_client.get(f"{base(setup)}/{deleted}/aterstall/").content.decode()
    assert "Återställ Steget vidare?" in confirm and "Ja, återställ insatsen" in confirm
    assert not Insats.objects.filter(pk=setup.insats.pk).exists()
    response = chef_client.post(f"{base(setup)}/{deleted}/aterstall/")
    insats = Insats.objects.get(pk=setup.insats.pk)
    assert response["Location"] == insats.get_absolute_url()
    assert (insats.namn, insats.utforare_fk) == ("Steget vidare", True)
    assert [m.kod for m in insats.malgrupper.all()] == ["unga"]
    assert list(insats.deltagaransvariga.all()) == [setup.people.deltagaransvarig]
    row = InsatsAr.objects.get(insats=insats)
    assert (row.ar, row.budget, row.deltagare_kvinnor) == (2024, 500_000, 10)
    detail = chef_client.get(insats.get_absolute_url())
    vad = [h.vad for h in detail.context["historik"]]
    assert vad[:2] == ["Uppgifterna för 2024 återställdes", "Insatsen återställdes"]
    assert "Insatsen togs bort" in vad and vad[-1] == "Insatsen registrerades"
    assert detail.context["historik"][1].vem == setup.people.forbundsadministrator.get_full_name()
    # Restored: the deleted list links to the insats, and it cannot be restored twice.
    listing = chef_client.get(f"{base(setup)}/").content.decode()
    assert f'href="{insats.get_absolute_url()}">Återställd</a>' in listing
    again = chef_client.post(f"{base(setup)}/{deleted}/aterstall/")
    assert again.status_code == 400 and "den har återställts" in again.content.decode()
    # The restored insats is a normal one again: it can be changed and deleted with its version.
    assert delete(insats) != deleted


def test_restore_is_refused_when_the_name_is_taken(setup, deleted, chef_client):
    InsatsFactory(forbund=setup.forbund, namn="steget vidare")
    response = chef_client.post(f"{base(setup)}/{deleted}/aterstall/")
    assert response.status_code == 400
    assert "Förbundet har en annan insats med namnet Steget vidare" in response.content.decode()
    assert not Insats.objects.filter(pk=setup.insats.pk).exists()


def test_a_deltagaransvarig_who_lost_the_role_is_not_assigned_again(setup, chef_client):
    former = UserFactory(username="tidigare")
    behorighet = BehorighetFactory(user=former, roll=Roll.DELTAGARANSVARIG, forbund=setup.forbund)
    setup.insats.deltagaransvariga.add(former)
    setup.insats.save()  # a history record with both assigned
    history_id = delete(setup.insats)
    behorighet.delete()
    assert chef_client.post(f"{base(setup)}/{history_id}/aterstall/").status_code == 302
    assert list(Insats.objects.get(pk=setup.insats.pk).deltagaransvariga.all()) == [setup.people.deltagaransvarig]


def test_a_record_of_another_forbund_or_not_a_deletion_is_not_found(setup, deleted, chef_client):
    other = InsatsFactory(forbund=setup.people.other_forbund, namn="Annat förbunds")
    other_deleted = delete(other)
    assert chef_client.get(f"{base(setup)}/{other_deleted}/").status_code == 404
    not_deletion = Insats.history.filter(id=setup.other_insats.pk).latest("history_date").history_id
    assert chef_client.get(f"{base(setup)}/{not_deletion}/").status_code == 404


def test_an_insats_deleted_elsewhere_comes_back_with_its_years(setup, chef_client):
    """Deleted outside the service (the admin site, or before deletions were marked): the years deleted with it."""
    pk = setup.insats.pk
    Insats.objects.get(pk=pk).delete()  # Django's cascade deletes the yearly figures in the same moment
    history_id = Insats.history.filter(id=pk, history_type="-").latest("history_date").history_id
    assert chef_client.post(f"{base(setup)}/{history_id}/aterstall/").status_code == 302
    assert list(InsatsAr.objects.filter(insats_id=pk).values_list("ar", "budget")) == [(2024, 500_000)]


def test_restore_is_refused_when_a_kommun_that_ran_it_was_no_member_during_its_period(setup, chef_client):
    """Memberships may be corrected after a deletion: the restore checks the same rule as the form."""
    import datetime

    from tests.factories import MedlemskapFactory, kommun

    medlemskap = MedlemskapFactory(forbund=setup.forbund, kommun=kommun("0180"), giltig_fran=datetime.date(2020, 1, 1))
    setup.insats.utforare_kommuner.add(kommun("0180"))
    setup.insats.save()  # a history record with Stockholm running it
    history_id = delete(setup.insats)
    medlemskap.giltig_till = datetime.date(2023, 12, 31)  # Stockholm left before the insats started (2024)
    medlemskap.save()
    confirm = chef_client.get(f"{base(setup)}/{history_id}/aterstall/").content.decode()
    assert "Insatsen kan inte återställas" in confirm and "Ja, återställ insatsen" not in confirm
    assert "Stockholm var inte medlem i förbundet under insatsens period" in confirm
    response = chef_client.post(f"{base(setup)}/{history_id}/aterstall/")
    assert response.status_code == 400
    assert "Stockholm var inte medlem i förbundet under insatsens period" in response.content.decode()
    assert not Insats.objects.filter(pk=setup.insats.pk).exists()
