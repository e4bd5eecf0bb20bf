"""The search page (residents, phone-friendly, no JavaScript needed) and its operator variant."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from smartvillage.accounts.models import Membership
from smartvillage.planner import search
from smartvillage.planner.forms import JourneyForm, default_initial
from smartvillage.territory.models import Commune, Place


def _page(request: HttpRequest, template: str, *, operator: bool) -> HttpResponse:
    form = JourneyForm(request.GET if "origin" in request.GET else None,
                       initial=default_initial())  # fmt: skip
    result = None
    if form.is_bound and form.is_valid():
        result = search.search(form.to_query(request.user, operator=operator))
    context = {
        "form": form,
        "result": result,
        "places": _suggestions(),
        "operator": operator,
    }
    return render(request, template, context)


def _suggestions() -> list[str]:
    """Names for the form's datalist: the territory's places and the communes with a place."""
    names = set(Place.objects.values_list("name", flat=True)[:300])
    names |= set(Commune.objects.filter(places__isnull=False).values_list("name", flat=True)[:300])
    return sorted(names)


@require_GET
def journey(request: HttpRequest) -> HttpResponse:
    return _page(request, "planner/journey.html", operator=False)


def staff_membership(request: HttpRequest) -> Membership:
    """Operators and admins of an organisation plan for a resident on the phone; others 403."""
    membership = Membership.objects.filter(
        user_id=request.user.pk or 0, role__in=Membership.STAFF_ROLES
    ).first()
    if membership is None:
        raise PermissionDenied
    return membership


@login_required
@require_GET
def operator(request: HttpRequest) -> HttpResponse:
    staff_membership(request)
    return _page(request, "planner/operator.html", operator=True)
