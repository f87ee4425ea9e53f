"""Every named URL against every role: one table (pretix's test_permissions, manage.get.gov's test_url_auth).

The table is checked against the resolver, so a URL added without a row in tests/access_table.py fails the build. For every role it
asserts the status of a GET and of every write the URL accepts; a refused write must change nothing (every table's
rows, history included, are compared before and after). The access rule (docs/adr/0002): an outsider gets 404, a
user who may look but not do what was asked 403, an anonymous visitor the login page (the API: 403).
"""

import datetime
import json

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ekonomi.models import Statsbidrag
from forbund.access import DELTAGARE, READ, forbund_access, forbund_permission
from forbund.models import Roll
from insatser.models import Insats, Malgrupp
from insatser.services import insats_delete
from rapportering.models import Arsrapport, Status, Uttag
from tests.access_table import AR, LOGIN, MATRIX, ROLES, Data, Url, user_for
from tests.factories import BehorighetFactory, InsatsArFactory, InsatsFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(people):
    granskare = UserFactory(username="granskare")
    BehorighetFactory(user=granskare, roll=Roll.GRANSKARE)
    insats = InsatsFactory(
        forbund=people.forbund,
        namn="Steget vidare",
        startdatum=datetime.date(AR, 1, 1),
        malgrupper=[Malgrupp.objects.get(kod="unga")],
    )
    insats.deltagaransvariga.add(people.deltagaransvarig)
    InsatsArFactory(insats=insats, ar=AR, budget=500_000, utfall=480_000, deltagare_kvinnor=10, deltagare_man=8)
    gone = InsatsFactory(
        forbund=people.forbund,
        namn="Borttagen",
        startdatum=datetime.date(AR, 1, 1),
        malgrupper=[Malgrupp.objects.get(kod="unga")],
    )
    insats_delete(insats=gone, version=gone.version)
    Arsrapport.objects.create(
        forbund=people.forbund,
        ar=AR,
        status=Status.INSKICKAD,
        referens=f"FINSAM-{AR}-TEST",
        inskickad=timezone.now(),
        inskickad_av=people.forbundsadministrator,
        inskickat_underlag={},
    )
    Statsbidrag.objects.create(ar=AR, tilldelat=339_000_000)  # §5.1's payments need the year's allocation
    uttag = Uttag.objects.create(ar=AR, tagen_av=granskare, statistik={"statistik": {}, "forbund": {}})
    ej = UserFactory(username="ej-ansvarig")
    behorighet = BehorighetFactory(user=ej, roll=Roll.DELTAGARANSVARIG, forbund=people.forbund)
    return Data(
        people=people,
        granskare=granskare,
        insats=insats,
        borttagen=Insats.history.filter(id=gone.pk, history_type="-").get().history_id,
        uttag=uttag,
        behorighet=behorighet,
    )


# ---------------------------------------------------------------- The tests


def named_urls() -> set[str]:
    """Every named URL of the project, namespaced; the admin site has its own rule below."""

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p.url_patterns, inner)
            elif isinstance(p, URLPattern) and p.name:
                yield namespace + p.name

    return set(walk(get_resolver().url_patterns))


def test_every_named_url_has_a_row_in_the_table():
    names = named_urls()
    assert names - set(MATRIX) == set(), "URL without a role test: add it to MATRIX"
    assert set(MATRIX) - names == set(), "row for a URL that no longer exists"


def client_for(d: Data, role: str) -> Client:
    client = Client()
    if (user := user_for(d, role)) is not None:
        client.force_login(user)
    return client


def status_of(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith("/konto/logga-in/"):
        return LOGIN
    return response.status_code


def url_of(d: Data, name: str, row: Url) -> str:
    return reverse(name, kwargs=row.kwargs(d)) + row.query


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_role_gets_the_status_of_the_table(d, name):
    row = MATRIX[name]
    url = url_of(d, name, row)
    wrong = {}
    for role in ROLES:
        got = status_of(client_for(d, role).get(url))
        if got != row.get[role]:
            wrong[role] = (got, row.get[role])
    assert wrong == {}, f"GET {url}: (got, expected) per role"


# Rows that change on every request, whoever makes it: sessions, login records, axes' access log.
NOT_SNAPSHOT = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


def snapshot() -> dict[str, list]:
    """Every row of every table (history included); the big reference tables (no view writes them) by count and
    highest key."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in NOT_SNAPSHOT or not model._meta.managed:
            continue
        qs = model._default_manager.order_by("pk")
        if qs.count() > 1000:
            rows[label] = [qs.count(), qs.values_list("pk", flat=True).last()]
        else:
            fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
            rows[label] = list(qs.values_list(*fields))
    return rows


def refused(status) -> bool:
    return status == LOGIN or status in (401, 403, 404, 405)


WRITES = [(name, i) for name, row in sorted(MATRIX.items()) for i in range(len(row.writes))]


@pytest.mark.parametrize(("name", "i"), WRITES, ids=[f"{n}-{MATRIX[n].writes[i].method}" for n, i in WRITES])
def test_every_write_is_refused_or_done_as_the_table_says_and_a_refused_one_changes_nothing(d, name, i):
    row = MATRIX[name]
    write = row.writes[i]
    url = url_of(d, name, row) + write.query(d)
    wrong = {}
    for role in ROLES:
        client = client_for(d, role)
        with transaction.atomic():  # every role meets the same data: a write that succeeds is undone
            before = snapshot()
            data = write.data(d)
            if write.json:
                response = getattr(client, write.method)(url, json.dumps(data), content_type="application/json")
            elif write.method == "delete":
                response = client.delete(url)
            else:
                response = getattr(client, write.method)(url, data)
            got = status_of(response)
            if got != write.expected[role]:
                wrong[role] = (got, write.expected[role], response.content[:300])
            elif refused(got):
                assert snapshot() == before, f"{write.method.upper()} {url} refused for {role} but changed data"
            transaction.set_rollback(True)
    assert wrong == {}, f"{write.method.upper()} {url}: (got, expected) per role"


def test_only_the_administrator_reaches_the_admin_site(d):
    """The admin site's own URLs follow one rule: the administratör gets in, everyone else to its login page."""
    for role in ROLES:
        for path in ("/admin/", "/admin/forbund/behorighet/", "/admin/insatser/insats/"):
            response = client_for(d, role).get(path)
            if role == "administrator":
                assert response.status_code == 200, path
            else:
                assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), (role, path)


def test_the_participant_need_cannot_be_declared_for_a_whole_forbund():
    """'deltagare' is decided per insats (insatser.access); on the förbund alone it would let every role in."""
    with pytest.raises(ImproperlyConfigured):
        forbund_access(DELTAGARE)
    with pytest.raises(ImproperlyConfigured):
        forbund_permission(READ, writes={"PATCH": DELTAGARE})
