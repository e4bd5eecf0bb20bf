"""Readiness (/readyz: database, cache, broker), request ids in responses and logs, JSON log
lines, and Sentry only when SENTRY_DSN is set."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import OperationalError

from smartvillage.core import observability

pytestmark = pytest.mark.django_db


def test_ready_without_a_broker_says_tasks_run_eagerly(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "eager"}


def test_not_ready_when_the_database_is_down(client):
    with mock.patch("smartvillage.core.views.connection") as conn:
        conn.cursor.side_effect = OperationalError("down")
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert response.json()["cache"] == "ok"


def test_not_ready_when_the_cache_loses_values(client):
    with mock.patch("django.core.cache.cache.get", return_value=None):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unreachable"


def test_not_ready_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"


@pytest.mark.redis
def test_ready_with_a_real_broker(client, settings):
    import os

    settings.CELERY_BROKER_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"


def test_every_response_carries_a_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_the_proxys_request_id_is_kept_and_a_bogus_one_replaced(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"})["X-Request-ID"] == "abc-123"
    bogus = "x" * 65
    assert client.get("/healthz", headers={"X-Request-ID": bogus})["X-Request-ID"] != bogus
    injected = client.get("/healthz", headers={"X-Request-ID": "a\nb"})["X-Request-ID"]
    assert "\n" not in injected


def test_log_records_of_a_request_carry_its_id(client, caplog):
    with (
        mock.patch("smartvillage.core.views.connection") as conn,
        caplog.at_level(logging.ERROR, logger="smartvillage.core.views"),
    ):
        conn.cursor.side_effect = OperationalError("down")
        response = client.get("/readyz", headers={"X-Request-ID": "req-42"})
    assert response["X-Request-ID"] == "req-42"
    records = [r for r in caplog.records if "readiness check failed" in r.getMessage()]
    assert records
    observability.RequestIdFilter().filter(records[0])
    assert records[0].request_id == "req-42"


def test_json_lines_have_the_fields_and_the_request_id():
    config = observability.logging_config(fmt="json", level="INFO")
    stream = io.StringIO()
    formatter = logging.config.DictConfigurator(config).configure_formatter(
        config["formatters"]["json"]
    )
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(observability.RequestIdFilter())
    logger = logging.getLogger("smartvillage.test.json")
    logger.addHandler(handler)
    logger.propagate = False
    token = observability.request_id.set("rid-7")
    try:
        logger.warning("booking %s refused", 12, extra={"booking": 12})
    finally:
        observability.request_id.reset(token)
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue())
    assert line["message"] == "booking 12 refused"
    assert line["level"] == "WARNING"
    assert line["logger"] == "smartvillage.test.json"
    assert line["request_id"] == "rid-7"
    assert line["booking"] == 12
    assert "time" in line


def test_sentry_starts_only_with_a_dsn():
    assert observability.init_sentry("", environment="x", traces_sample_rate=0) is False


def test_a_dsn_without_sentry_sdk_is_a_clear_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_sentry(name, *args, **kwargs):
        if name == "sentry_sdk":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sentry)
    with pytest.raises(ImproperlyConfigured, match="sentry-sdk"):
        observability.init_sentry(
            "https://key@sentry.invalid/1", environment="x", traces_sample_rate=0
        )


def test_django_request_records_get_the_id_of_their_request():
    record = logging.LogRecord("django.request", logging.WARNING, "", 0, "Not Found", (), None)
    record.request = mock.Mock(request_id="req-9")
    observability.RequestIdFilter().filter(record)
    assert record.request_id == "req-9"
