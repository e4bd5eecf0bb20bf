from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from smartvillage.accounts.models import Membership


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
