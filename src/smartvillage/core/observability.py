"""Request ids, structured logs and optional Sentry.

- :class:`RequestIdMiddleware` gives every request an id: the proxy's ``X-Request-ID`` when it
  is a sane token (nginx: ``proxy_set_header X-Request-ID $request_id``), a new one otherwise;
  it is sent back in the response's ``X-Request-ID`` and put on every log record of the request
  (:class:`RequestIdFilter`), so one line of nginx's log leads to the application's lines.
- ``LOG_FORMAT=json`` (the default once DEBUG is off) writes one JSON object per line
  (python-json-logger): ``time``, ``level``, ``logger``, ``message``, ``request_id`` and extras.
- :func:`init_sentry` starts sentry-sdk only when ``SENTRY_DSN`` is set (``pip install
  smartvillage[sentry]``); personal data is not sent.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

_SANE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def new_request_id(incoming: str | None) -> str:
    """The proxy's id if it is a sane token, else a fresh one (never a client's arbitrary text)."""
    if incoming and _SANE.match(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = new_request_id(request.headers.get("X-Request-ID"))
        request.request_id = rid  # type: ignore[attr-defined]
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (or "-" outside a request) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            # django.request logs a 4xx/5xx after the middleware returned: its record carries
            # the request itself.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", "") or request_id.get() or "-"
        return True


def logging_config(*, fmt: str, level: str) -> dict[str, Any]:
    """The ``LOGGING`` setting: console handler, text or JSON lines, request ids."""
    formatters = {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "smartvillage.core.observability.RequestIdFilter"}},
        "formatters": {fmt: formatters[fmt]},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "level": level,  # also for loggers with their own level (django's: INFO)
                "formatter": fmt,
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
    }


def init_sentry(dsn: str, *, environment: str, traces_sample_rate: float) -> bool:
    """Start Sentry error reporting if ``dsn`` is set; True when started."""
    if not dsn:
        return False
    try:
        import sentry_sdk
    except ImportError as exc:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install 'smartvillage[sentry]'"
        ) from exc
    # The Django, logging and Celery integrations are enabled automatically when installed.
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
    )
    return True
