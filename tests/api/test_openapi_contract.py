"""Schemathesis reads /api/v1/openapi.json and calls every operation with values the
document allows and values it forbids: every answer must have the status, type and
shape the document promises; what it forbids a 4xx, what it allows accepted."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db

EXAMPLES = 300  # over the seven operations
# Rules across parameters that a schema cannot write: start not after end (and the supply
# outlook's at most a year ahead), dates not in
# the future and a range of at most five years, price_min not above price_max, no page
# beyond the first 10,000 results.
CROSS_PARAMETER_RULES = {"start", "end", "date", "as_of", "price_min", "page"}


def allowed_values_accepted(ctx, response, case):
    """Schemathesis' positive_data_acceptance, but a 400 is right when the parameter it
    names broke a rule across parameters."""
    if response.status_code == 400:
        parameter = response.json()["error"]["parameter"]
        assert parameter in CROSS_PARAMETER_RULES, f"allowed values refused: {response.text}"


@pytest.fixture
def api_schema(backend, settings):
    settings.RATELIMIT_ENABLE = False  # the limits have their own tests; here, the contract
    # As Django's test client does: the test's transaction stays open across requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_keeps_the_contract(api_schema, mode):
    @given(data=st.data())
    @hypothesis_settings(
        max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck)
    )
    def call(data):
        case = data.draw(api_schema.as_strategy(generation_mode=mode))
        # The WSGI call does not undo gzip, which the API sends to whoever accepts it.
        plain = {"Accept-Encoding": "identity"}
        if mode is GenerationMode.POSITIVE:
            case.call_and_validate(
                headers=plain,
                excluded_checks=[positive_data_acceptance],
                additional_checks=[allowed_values_accepted],
            )
        else:
            case.call_and_validate(headers=plain)

    call()
