"""Membership and invitation workflows: one transaction each, audit-logged.

Audit entries about memberships target the organisation and carry user and membership ids in
their data, not the membership itself: the membership's text holds the person's name, and the
audit log (append-only) must not keep names after an account is erased.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from smartvillage.accounts.models import Invitation, Membership, Organisation, User
from smartvillage.core import audit


class MembershipError(Exception):
    """A rule on memberships was broken; ``str(error)`` is a translated message for the user."""


class LastAdminError(MembershipError):
    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation
        super().__init__(
            _(
                "%(organisation)s must keep at least one administrator. "
                "Give the administrator role to another member first."
            )
            % {"organisation": organisation.name}
        )


def lock_admins(organisation: Organisation) -> list[Membership]:
    """Lock the organisation's admin memberships (ordered by id) and return them.

    Two admins demoting or removing each other at the same time must not leave the organisation
    without one: the second transaction waits here, then counts what the first left.
    """
    return list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, role=Membership.Role.ADMIN)
        .order_by("pk")
    )


def check_not_last_admin(membership: Membership) -> None:
    """Raise LastAdminError if ``membership`` is the only admin of its organisation (locks them)."""
    admins = lock_admins(membership.organisation)
    if membership.is_admin and [m.pk for m in admins] == [membership.pk]:
        raise LastAdminError(membership.organisation)


def remove_member(actor: User, membership: Membership) -> None:
    with transaction.atomic():
        check_not_last_admin(membership)
        data = {"user": membership.user_id, "membership": membership.pk, "role": membership.role}
        membership.delete()
        audit.record(actor, "accounts.membership.removed", membership.organisation, **data)


def change_role(actor: User, membership: Membership, role: str) -> bool:
    """Give ``membership`` a new role; return False when nothing changes."""
    if role == membership.role:
        return False
    with transaction.atomic():
        if role != Membership.Role.ADMIN:
            check_not_last_admin(membership)
        old_role, membership.role = membership.role, role
        membership.save(update_fields=["role"])
        audit.record(
            actor,
            "accounts.membership.role_changed",
            membership.organisation,
            user=membership.user_id,
            membership=membership.pk,
            old_role=old_role,
            new_role=role,
        )
    return True


def add_member(
    actor: User | None, organisation: Organisation, user: User, role: str, *, via: str
) -> Membership | None:
    """Add ``user`` to ``organisation``; return None if they already belong to it."""
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        if not created:
            return None
        audit.record(
            actor,
            "accounts.membership.added",
            organisation,
            user=user.pk,
            membership=membership.pk,
            role=role,
            via=via,
        )
    return membership


def _send(template: str, to: str, language: str, context: dict[str, object]) -> None:
    context = {"SITE_NAME": settings.SITE_NAME, **context}
    with translation.override(language):
        subject = " ".join(
            render_to_string(f"accounts/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"accounts/email/{template}_message.txt", context)
    send_mail(f"[{settings.SITE_NAME}] {subject}", body, None, [to])


def invite(
    request: HttpRequest, organisation: Organisation, email: str, role: str
) -> Membership | Invitation:
    """Add an existing user at once, or email an invitation link to someone new.

    Raises MembershipError when the person already belongs to the organisation.
    """
    actor = request.user
    assert isinstance(actor, User)
    user = User.objects.filter(email__iexact=email, anonymised_at__isnull=True).first()
    if user is not None:
        membership = add_member(actor, organisation, user, role, via="invitation")
        if membership is None:
            raise MembershipError(_("%(email)s is already a member.") % {"email": email})
        url = request.build_absolute_uri(reverse("accounts:organisation", args=[organisation.slug]))
        context = {"organisation": organisation, "membership": membership, "url": url}
        _send("membership_added", user.email, user.language, context)
        return membership

    with transaction.atomic():
        # A new invitation replaces any pending one: only the latest link works.
        Invitation.objects.pending().for_email(email).filter(organisation=organisation).update(
            cancelled_at=timezone.now()
        )
        invitation, key = Invitation.create(organisation, email, role, invited_by=actor)
        audit.record(
            actor, "accounts.invitation.sent", organisation, invitation=invitation.pk, role=role
        )
    url = request.build_absolute_uri(reverse("accounts:invitation", args=[key]))
    context = {"invitation": invitation, "inviter": actor, "url": url}
    # The invitee has no preferred language yet: use the one the admin is using.
    _send("invitation", email, translation.get_language() or settings.LANGUAGE_CODE, context)
    return invitation


def cancel_invitation(actor: User, invitation: Invitation) -> bool:
    if not invitation.is_pending:
        return False
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    audit.record(
        actor, "accounts.invitation.cancelled", invitation.organisation, invitation=invitation.pk
    )
    return True


def accept_invitation(invitation: Invitation, user: User) -> Membership | None:
    """Accept a pending invitation for ``user``; return the membership it created, if any.

    A user who already belongs to the organisation keeps their current role.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_pending:
            return None
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit.record(
            user, "accounts.invitation.accepted", invitation.organisation, invitation=invitation.pk
        )
        return add_member(
            user, invitation.organisation, user, invitation.role, via=f"invitation:{invitation.pk}"
        )


def accept_invitations_for_email(user: User, email: str) -> list[Membership]:
    """Accept every pending invitation sent to ``email`` (a verified address of ``user``)."""
    memberships = []
    for invitation in Invitation.objects.pending().for_email(email):
        membership = accept_invitation(invitation, user)
        if membership is not None:
            memberships.append(membership)
    return memberships
