"""The API, fuzzed from its own OpenAPI schema: every generated request, valid or not, gets an answer below 500.

schemathesis generates requests (positive: what the schema allows; negative: what it forbids) for every operation
and sends them to the WSGI application with a token, as a förbundsadministratör (every operation) and as a
nationell handläggare (the national reads). Path parameters point at seeded rows and a positive example's `version`
is the current one, so requests get past the 404 and the 409 to the validation and the services behind them. A
bounded number of examples per operation keeps the run under a minute; FUZZ_EXAMPLES=500 runs a longer one.
"""

import datetime
import json
import os

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from ekonomi.services import arsekonomi_version
from finsam.wsgi import application
from insatser.models import Insats, Malgrupp
from tests.factories import InsatsArFactory, InsatsFactory, MedlemskapFactory, kommun

EXAMPLES = int(os.getenv("FUZZ_EXAMPLES", "15"))
AR = 2024


def _operations():
    raw = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(raw)))
    schema.app = application
    operations = [result.ok() for result in schema.get_all_operations() if result.ok().path != "/api/v1/schema/"]
    # Deletions last: the seeded insats is gone after the first that succeeds.
    return sorted(operations, key=lambda op: op.method.upper() == "DELETE")


@pytest.fixture
def seeded(people, wsgi_keeps_the_test_connection):
    """The förbund "test" with a member kommun and an insats with figures for AR."""
    MedlemskapFactory(forbund=people.forbund, kommun=kommun("1080"), giltig_fran=datetime.date(2015, 1, 1))
    insats = InsatsFactory(
        forbund=people.forbund, startdatum=datetime.date(2023, 1, 1), malgrupper=[Malgrupp.objects.get(kod="unga")]
    )
    InsatsArFactory(insats=insats, ar=AR, budget=100_000, deltagare_kvinnor=3, deltagare_man=4)
    return people, insats


def _current_version(operation, forbund, insats) -> int:
    if "/ekonomi/" in operation.path:
        return arsekonomi_version(forbund, AR)
    return Insats.objects.filter(pk=insats.pk).values_list("version", flat=True).first() or 0


def _fuzz(operation, mode, headers, forbund, insats):
    names = {p.name for p in operation.path_parameters}
    path_parameters = {k: v for k, v in {"slug": forbund.slug, "id": insats.pk, "ar": AR}.items() if k in names}
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters or None)
    if mode == GenerationMode.POSITIVE:
        # The schema's own examples too: they get past the validation into the services (201, 200).
        examples = operation.get_strategies_from_examples(path_parameters=path_parameters or None)
        strategy = st.one_of(*examples, strategy) if examples else strategy

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the failing example is reported as generated
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        if mode == GenerationMode.POSITIVE and isinstance(case.body, dict) and "version" in case.body:
            case.body["version"] = _current_version(operation, forbund, insats)
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])

    run()


def _modes(operation) -> list:
    """Negative examples need something to break besides the fixed path: query parameters or a body."""
    query = any(p.location.value == "query" for p in operation.iter_parameters())
    if query or operation.get_request_payload_content_types():
        return [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    return [GenerationMode.POSITIVE]


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["forbundsadministrator", "handlaggare"])
def test_no_generated_request_gets_a_server_error(seeded, user):
    people, insats = seeded
    token = Token.objects.create(user=getattr(people, user))
    headers = {"Authorization": f"Token {token.key}"}
    operations = _operations()
    assert len(operations) >= 10, [op.label for op in operations]
    if user == "handlaggare":
        # The national reads, which a förbundsadministratör gets 404 on.
        operations = [
            op
            for op in operations
            if op.path.startswith(("/api/v1/ekonomi/", "/api/v1/statistik/", "/api/v1/kontroller/"))
        ]
    failures = []
    for operation in operations:
        for mode in _modes(operation):
            try:
                _fuzz(operation, mode, headers, people.forbund, insats)
            except Exception as exc:  # noqa: BLE001 -- every operation's failure is collected and reported together
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, "\n\n".join(failures)
