"""The open API, fuzzed from its own OpenAPI document without login: every request gets an answer below 500."""

import json
import os

import pytest
import schemathesis
from django.core.cache import cache
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode

from finsam.wsgi import application
from publicering.oppen_bas import OppenSchemaGenerator
from publicering.services import publicering_skapa
from tests.publicering.test_publicering import AR, forbund_i, individ

EXAMPLES = int(os.getenv("FUZZ_EXAMPLES", "15"))


def _operations():
    raw = OppenSchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(raw)))
    schema.app = application
    return [r.ok() for r in schema.get_all_operations() if not r.ok().path.endswith("/schema")]


@pytest.mark.django_db
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_open_api_never_fails(mode, django_user_model, settings, wsgi_keeps_the_test_connection):
    settings.OPPEN_API_GRANS = "100000/minute"
    cache.clear()
    individ(forbund_i("a", "0180"), 3, 40)
    publicering_skapa(ar=AR, user=django_user_model.objects.create_user("fk"))
    operations = _operations()
    assert len(operations) >= 6
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        fasta = {
            k: v
            for k, v in {"id": "deltagare_individinriktade", "ar": str(AR), "slug": "a", "kod": "01"}.items()
            if k in names
        }
        strategy = operation.as_strategy(generation_mode=mode, path_parameters=fasta or None)

        @given(case=strategy)
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            assert case.call().status_code < 500, case.as_curl_command()

        if mode == GenerationMode.POSITIVE or any(p.location.value == "query" for p in operation.iter_parameters()):
            run()
