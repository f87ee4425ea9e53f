"""Shared fixtures. Reference data (län, kommuner, förbund, inriktningar) is loaded once into the test database.

Browser tests use a live server and so a transactional database, which is emptied after each of them; pytest-django
runs those last, and they load the reference data they need themselves (`reference_data` fixture).
"""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command

from core import dataversion
from forbund.models import Kommun, Roll
from tests.factories import BehorighetFactory, ForbundFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


@pytest.fixture(autouse=True)
def _data_version(request, monkeypatch):
    """Every test starts with an empty cache. A test's own transaction never commits, so inside it the data
    version is raised at once (and rolled back with the test) rather than on a commit that never comes; tests
    marked django_db(transaction=True) keep the real on-commit bump (tests/statistik/test_dataversion.py)."""
    cache.clear()
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        monkeypatch.setattr(dataversion, "bump", lambda using="default": dataversion._increment(using))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads a test stores (e.g. an admin import's previewed file) go to the test's own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reference_data(db):
    """Reference data for tests that run on a flushed (transactional) database."""
    if not Kommun.objects.exists():
        call_command("load_reference", verbosity=0)


@dataclass
class People:
    """Everyone a permission test needs, as in healthchecks' base test case."""

    forbund: object
    other_forbund: object
    forbundsadministrator: object
    other_forbundsadministrator: object
    deltagaransvarig: object
    handlaggare: object
    administrator: object
    stranger: object


@pytest.fixture
def people(db):
    forbund = ForbundFactory(namn="Samordningsförbundet Test", slug="test")
    other = ForbundFactory(namn="Samordningsförbundet Annat", slug="annat")

    def with_role(username, roll, f=None):
        user = UserFactory(username=username)
        BehorighetFactory(user=user, roll=roll, forbund=f)
        return user

    return People(
        forbund=forbund,
        other_forbund=other,
        forbundsadministrator=with_role("chef", Roll.FORBUNDSADMINISTRATOR, forbund),
        other_forbundsadministrator=with_role("annan-chef", Roll.FORBUNDSADMINISTRATOR, other),
        deltagaransvarig=with_role("deltagaransvarig", Roll.DELTAGARANSVARIG, forbund),
        handlaggare=with_role("handlaggare", Roll.NATIONELL_HANDLAGGARE),
        administrator=with_role("admin", Roll.ADMINISTRATOR),
        stranger=UserFactory(username="utomstaende"),
    )


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """The WSGI application closes a connection whose autocommit differs from the settings at the end of every
    request, and the test's transaction is such a connection (PostgreSQL then answers 'the connection is closed').
    Django's test client unhooks the same signal handlers for the same reason."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
