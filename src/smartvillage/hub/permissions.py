"""Who may do what in the hub, and the permission-checked getters the views use."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.hub.models import Actor, Assessment, Event, Initiative


def user(request: HttpRequest) -> Any:
    """The signed-in person (views behind ``login_required``), typed loosely for the ORM."""
    return request.user


def is_territory_staff(user: Any) -> bool:
    """Platform staff, or admins and operators of a public body (a commune, the park, an
    intercommunality): they moderate sheets, run the agenda, the library and assessments."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return bool(territory_organisations(user).exists())


def territory_organisations(user: Any) -> Any:
    """The public bodies in which the person is an admin or an operator."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=Organisation.Kind.PUBLIC_BODY,
        memberships__user=user,
        memberships__role__in=Membership.STAFF_ROLES,
    ).distinct()


def require_territory_staff(user: Any) -> None:
    if not is_territory_staff(user):
        raise PermissionDenied


def staff_organisations(user: Any) -> Any:
    """Organisations in which the person is an admin or an operator (they may write for it)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=Membership.STAFF_ROLES
    ).distinct()


def get_listed_actor(slug: str) -> Actor:
    return get_object_or_404(Actor.objects.listed(), slug=slug)


def get_actor_for_editor(user: Any, slug: str) -> Actor:
    """An actor edits only its own entry: anybody else's is a 404."""
    return get_object_or_404(Actor.objects.editable_by(user), slug=slug)


def get_visible_initiative(user: Any, slug: str) -> Initiative:
    """A published sheet, or one the person may edit, or any for a moderator; else 404 (an
    unpublished sheet is invisible to others)."""
    sheets = Initiative.objects.select_related("author", "organisation")
    if not is_territory_staff(user):
        sheets = sheets.visible_to(user)
    return get_object_or_404(sheets, slug=slug)


def get_initiative_for_editor(user: Any, slug: str) -> Initiative:
    """The author and the staff of the sheet's organisation edit it; moderators only
    moderate (they may read it); others 404."""
    sheet = get_visible_initiative(user, slug)
    if not Initiative.objects.editable_by(user).filter(pk=sheet.pk).exists():
        raise PermissionDenied  # they may read it (published, or as a moderator)
    return sheet


def get_initiative_for_moderator(user: Any, slug: str) -> Initiative:
    require_territory_staff(user)
    return get_object_or_404(Initiative, slug=slug)


def get_public_event(pk: int) -> Event:
    return get_object_or_404(Event.objects.public().select_related("commune"), pk=pk)


def get_assessment(user: Any, pk: int) -> Assessment:
    """Completed assessments are public (they describe a place, not a person); a draft is
    seen by the staff of the organisation that runs it only."""
    assessment = get_object_or_404(
        Assessment.objects.select_related("commune", "area", "organisation"), pk=pk
    )
    if not assessment.completed and not can_edit_assessment(user, assessment):
        raise Http404
    return assessment


def can_edit_assessment(user: Any, assessment: Assessment) -> bool:
    return bool(
        user.is_authenticated
        and (
            user.is_staff
            or territory_organisations(user).filter(pk=assessment.organisation_id).exists()
        )
    )
