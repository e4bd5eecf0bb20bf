import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from smartvillage.accounts.models import Membership
from smartvillage.core import ical
from smartvillage.core.models import CalendarFeed

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and uptime monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "unhealthy"
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    from django.core.cache import cache

    probe = uuid.uuid4().hex
    cache.set("readyz-probe", probe, timeout=10)
    if cache.get("readyz-probe") != probe:
        raise RuntimeError("cache did not keep a value")
    return "ok"


def _check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"  # no broker configured: tasks run in the web process
    from smartvillage.celery import app

    with app.connection_for_read(settings.CELERY_BROKER_URL) as broker:
        broker.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: can this instance serve? Database, cache and task broker, each checked.

    503 with the failing part named (never the error text: it may hold addresses) when one is
    not reachable; load balancers stop sending traffic until it answers 200 again.
    """
    checks = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}
    body: dict[str, str] = {}
    for name, check in checks.items():
        try:
            body[name] = check()
        except Exception:  # noqa: BLE001 - whatever fails, this part is not ready
            logger.exception("readiness check failed: %s", name)
            body[name] = "unreachable"
    ready = all(value != "unreachable" for value in body.values())
    return JsonResponse(
        {"status": "ok" if ready else "error", **body}, status=200 if ready else 503
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # People who run a service for their organisation: the home page tells them what they can do.
    operator_memberships = []
    if request.user.is_authenticated:
        operator_memberships = list(
            request.user.memberships.filter(role__in=Membership.STAFF_ROLES).select_related(
                "organisation"
            )
        )
    return render(request, "core/home.html", {"operator_memberships": operator_memberships})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; a logged-in person's choice is also saved for emails and SMS."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if (
        user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and getattr(user, "language", language) != language
    ):
        user.language = language
        user.save(update_fields=["language"])
    return response


# --- Private calendar feeds: one pair of views for every service that offers one. An app routes
# them with its own names and paths, passing what differs as the pattern's extra arguments:
#   path("bookings.ics", member_ics, {"service": ..., "calendar": ..., "filename": ...})
#   path("calendar-feed/", calendar_feed, {"service": ..., "page": "<app>:my_bookings"})


def member_ics(
    request: HttpRequest, service: str, calendar: Callable[[Any], bytes], filename: str
) -> HttpResponse:
    """A person's private feed of ``service``: the secret ``?token=`` (what calendar apps send)
    or the session; 404 otherwise (``core.ical.feed_user``)."""
    user = ical.feed_user(request, service)
    return ical.response(calendar(user), filename)


@login_required
@require_POST
def calendar_feed(request: HttpRequest, service: str, page: str) -> HttpResponse:
    """Create the private calendar address of ``service``, or replace it (``action=reset``: the
    old one stops working); back to ``page`` (a URL name), at its calendar section."""
    if request.POST.get("action") == "reset":
        CalendarFeed.rotate(request.user, service)
        messages.success(request, _("Your calendar address has been replaced."))
    else:
        CalendarFeed.for_user(request.user, service)
    return redirect(f"{reverse(page)}#calendar")
