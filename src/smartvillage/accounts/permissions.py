"""Permission-checked getters: views never look up an organisation or a member directly."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from smartvillage.accounts.models import Invitation, Membership, Organisation


def get_organisation_for_user(
    request: HttpRequest, slug: str, *, admin: bool = False
) -> tuple[Organisation, Membership]:
    """Return the organisation and the requesting user's membership of it.

    Outsiders get a 404 (the organisation's existence is not revealed); members who are not
    admins get a 403 when ``admin`` is required.
    """
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organisation")
        .filter(organisation__slug=slug, user=request.user)
        .first()
    )
    if membership is None:
        raise Http404
    if admin and not membership.is_admin:
        raise PermissionDenied
    return membership.organisation, membership


def get_membership_in(organisation: Organisation, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_id,
        organisation=organisation,
    )


def get_invitation_in(organisation: Organisation, invitation_id: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("organisation"),
        pk=invitation_id,
        organisation=organisation,
    )
