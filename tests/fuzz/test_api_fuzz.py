"""Fuzzing of the JSON API with schemathesis (https://schemathesis.readthedocs.io), ``-m fuzz``.

Every operation of /api/v1/openapi.json is called with generated data (valid and invalid) as
the demo's resident and as its operator (``Authorization: Bearer …``), in process (WSGI), on
the demo data. Each response must not be a server error and must conform to the documented
schema (status, content type, body). ``FUZZ_EXAMPLES`` bounds the examples per operation.

Run by ``make test-fuzz`` (in .ci/run); not part of ``make test`` (it takes minutes).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

pytestmark = [pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo, committed once for the module (the tests roll back their own writes)."""
    from django.conf import settings
    from django.core.management import call_command

    with django_db_blocker.unblock():
        debug, settings.DEBUG = settings.DEBUG, True  # the demo command wants DEBUG
        try:
            call_command("load_demo", verbosity=0)
        finally:
            settings.DEBUG = debug
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def tokens(demo_data, django_db_blocker):
    from smartvillage.accounts.models import ApiToken, Membership, User

    keys = {}
    with django_db_blocker.unblock():
        for persona in ("resident@example.org", "operator@example.org"):
            user = User.objects.get(email=persona)
            membership = Membership.objects.filter(user=user).first()
            _token, keys[persona] = ApiToken.issue(
                user, membership.organisation if membership else None
            )
    return keys


def _schema():
    from smartvillage.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


OPERATIONS = [result.ok() for result in _schema().get_all_operations()]


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_the_api_never_fails_and_keeps_its_schema(operation, tokens, db, settings):
    # Two personas send EXAMPLES requests per operation: the booking rate limits would answer
    # 429 after 30 and hide the code behind them.
    settings.RATELIMIT_ENABLE = False

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        for key in tokens.values():
            case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)

    call()
