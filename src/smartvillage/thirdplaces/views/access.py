"""Permission-checked getters shared by the third-place views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.accounts.permissions import get_organisation_for_user
from smartvillage.thirdplaces.models import (
    Booking,
    ThirdPlace,
)

# --- Permission-checked getters ------------------------------------------------------------------


def _published_place(slug: str) -> ThirdPlace:
    return get_object_or_404(
        ThirdPlace.objects.published().select_related("organisation", "commune"), slug=slug
    )


def _get_booking_for_user(request: HttpRequest, pk: int) -> Booking:
    """Only the member's own bookings: another person's booking is a 404."""
    return get_object_or_404(
        Booking.objects.select_related("space__third_place"), pk=pk, user=request.user
    )


def _get_org_for_manager(request: HttpRequest, slug: str) -> Organisation:
    """Admins and operators manage their places; other members 403, outsiders 404."""
    organisation, membership = get_organisation_for_user(request, slug)
    if membership.role not in Membership.STAFF_ROLES:
        raise PermissionDenied
    return organisation


def _get_place_for_manager(request: HttpRequest, org: str, slug: str) -> ThirdPlace:
    organisation = _get_org_for_manager(request, org)
    return get_object_or_404(ThirdPlace, organisation=organisation, slug=slug)


def is_territory_staff(user: Any) -> bool:
    """Platform staff, or admins and operators of a public body (a commune, the park)."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(
        user=user,
        organisation__kind=Organisation.Kind.PUBLIC_BODY,
        role__in=Membership.STAFF_ROLES,
    ).exists()
