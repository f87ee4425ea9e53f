"""§5.1 as the report states it: the allocation, the national share (at most 3 mkr) and its use, Försäkringskassan's
payments to each förbund, förbrukat = paid out + national share used, oförbrukat = allocation − förbrukat."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from ekonomi.models import Utbetalning
from ekonomi.services import statsbidrag_set, statsmedel_set
from ekonomi.statsmedel import statsmedel
from rapport.selectors import rapport_underlag
from rapport.utkast import skapa_utkast
from tests.rapport.hjalp import oppna, tabell, text


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_forbrukat_is_what_fk_paid_and_the_national_share_used_not_the_forbund_s_own_figures(people):
    statsbidrag_set(ar=2024, tilldelat=339_000_000)
    statsmedel_set(
        ar=2024,
        nationell_andel=3_000_000,
        nationell_forbrukad=2_400_000,
        nationell_anvandning="utbildningar och konferenser",
        utbetalningar={people.forbund.pk: 200_000_000, people.other_forbund.pk: 135_780_000},
        user=people.administrator,
    )
    sm = statsmedel(2024)
    assert (sm["utbetalt"], sm["forbrukat"], sm["oforbrukat"], sm["forbund_med_utbetalning"]) == (
        335_780_000,
        338_180_000,
        820_000,
        2,
    )
    assert Utbetalning.objects.get(forbund=people.forbund).history.latest().history_user == people.administrator
    doc = oppna(skapa_utkast(rapport_underlag(2024)))
    assert tabell(doc, "Statens medel 2024")[1:] == [
        ["Tilldelade medel", "339,00"],
        ["Förbrukade medel", "338,18"],
        ["Oförbrukade medel", "0,82"],
    ]
    assert "Av dessa medel avser 3,00 miljoner kronor nationellt stöd" in text(doc)


def test_nothing_registered_is_unknown_not_zero(people):
    statsbidrag_set(ar=2024, tilldelat=339_000_000)
    sm = statsmedel(2024)
    assert (sm["utbetalt"], sm["forbrukat"], sm["oforbrukat"]) == (None, None, None)


def test_the_national_share_is_at_most_3_mkr_and_the_sum_within_the_allocation(people):
    statsbidrag_set(ar=2024, tilldelat=10_000_000)
    with pytest.raises(ValidationError) as exc:
        statsmedel_set(
            ar=2024,
            nationell_andel=3_500_000,
            nationell_forbrukad=None,
            nationell_anvandning="",
            utbetalningar={people.forbund.pk: 8_000_000},
        )
    assert "Högst 3 000 000 kr" in str(exc.value.message_dict["nationell_andel"])
    # Amounts as everywhere else (core.tal.kr): grouped with non-breaking spaces, so a number never wraps.
    assert exc.value.message_dict["__all__"] == [
        "Utbetalningarna och den nationella andelen (11\u00a0500\u00a0000\u00a0kr) är mer än de tilldelade medlen "
        "(10\u00a0000\u00a0000\u00a0kr)."
    ]
    assert not Utbetalning.objects.exists()


def test_only_the_administrator_registers_and_the_form_keeps_the_input(people):
    statsbidrag_set(ar=2024, tilldelat=10_000_000)
    url = "/ekonomi/2024/utbetalningar/"
    assert client_for(people.handlaggare).get(url).status_code == 403
    assert client_for(people.forbundsadministrator).get(url).status_code == 404
    admin = client_for(people.administrator)
    response = admin.post(url, {"nationell_andel": "4 000 000", f"utbetalt_{people.forbund.pk}": "1 000 000"})
    assert response.status_code == 400
    assert response.context["form"][f"utbetalt_{people.forbund.pk}"].value() == "1 000 000"
    response = admin.post(url, {"nationell_andel": "3 000 000", f"utbetalt_{people.forbund.pk}": "1 000 000"})
    assert response.status_code == 302
    assert statsmedel(2024)["utbetalt"] == 1_000_000
