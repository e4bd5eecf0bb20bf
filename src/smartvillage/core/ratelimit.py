"""Rate limits of the booking endpoints, counted in the Django cache by django-ratelimit.

Login, sign-up and password reset are limited by django-allauth's own rate limits
(``ACCOUNT_RATE_LIMITS`` in settings); both answer 429 with the page of :func:`rate_limited`
(allauth finds it as ``handler429`` of the root URLconf). ``RATELIMIT_ENABLE=false`` switches
every limit off (load benchmarks). Counters live in the default cache: in production with several
workers that cache must be shared (``REDIS_URL``), otherwise each worker counts on its own.

- ``@limit("carsharing-booking")`` on a web view (under ``@login_required``): POSTs counted per
  person, the N+1-th within the period gets the 429 page.
- ``@limit_api("carsharing-booking")`` under a Ninja ``@router.post``: the same counter (the web
  form and the API share a group), answered with a JSON ``{"detail": ...}`` and status 429.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage
from ninja import Schema
from ninja.decorators import decorate_view
from ninja.utils import contribute_operation_callback

__all__ = ["client_ip", "limit", "limit_api", "person_key", "rate_limited"]


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For behind ``TRUSTED_PROXY_COUNT`` proxies.

    Only the proxies' own entries are trusted: the address they saw is the n-th from the right,
    whatever a client wrote in front of it.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return str(forwarded[-proxies])
    return request.META.get("REMOTE_ADDR") or "unknown"


def person_key(group: str, request: HttpRequest) -> str:
    """Whom a request is counted for: the signed-in person, else the API token, else the address.

    Ninja authenticates inside the operation, after this check, so a token is recognised by its
    hash here (the same person with two tokens counts twice: acceptable for a limit).
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    if authorization.lower().startswith("bearer "):
        digest = hashlib.sha256(authorization[7:].strip().encode()).hexdigest()[:32]
        return f"token:{digest}"
    return f"ip:{client_ip(request)}"


def _refused(request: HttpRequest, group: str) -> int | None:
    """Count this request; the seconds until the window ends when it goes over the limit."""
    usage = get_usage(
        request,
        group=group,
        key=person_key,
        rate=settings.BOOKING_RATE_LIMIT,
        method="POST",
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, int(usage["time_left"]))


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 429 page (also allauth's, through ``handler429`` in the root URLconf)."""
    return render(request, "429.html", status=429)


def limit(group: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit the POSTs of a web view to ``BOOKING_RATE_LIMIT`` per person (shared by ``group``)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            retry_after = _refused(request, group)
            if retry_after is not None:
                response = rate_limited(request)
                response["Retry-After"] = str(retry_after)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RateLimitedOut(Schema):
    """The API's answer past a rate limit (status 429, with a Retry-After header)."""

    detail: str


def _document_429(operation: Any) -> None:
    # The OpenAPI document lists the 429 answer of each limited operation.
    operation.response_models[429] = operation._create_response_model(RateLimitedOut)


def limit_api(group: str) -> Callable[[Any], Any]:
    """The same limit on a Ninja operation; the refusal is a JSON error (status 429)."""

    def around_run(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(run)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            retry_after = _refused(request, group)
            if retry_after is not None:
                message = _("Too many requests: please wait %(seconds)d seconds and try again.")
                response = JsonResponse({"detail": message % {"seconds": retry_after}}, status=429)
                response["Retry-After"] = str(retry_after)
                return response
            return run(request, *args, **kwargs)

        return wrapped

    def decorator(func: Any) -> Any:
        contribute_operation_callback(func, _document_429)
        return decorate_view(around_run)(func)

    return decorator
