"""Rideshare workflows. Every action starts with :func:`guard`: a suspended member can do
nothing, a member waiting for the ID check can only complete their registration."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from smartvillage.rideshare.models import Member

MESSAGES = {
    "not_member": _("Register with the hitchhiking network first."),
    "suspended": _("Your membership is suspended: you cannot use the network for now."),
    "pending": _("Your membership is waiting for the ID check by a relay."),
}


class NotAllowed(PermissionDenied):
    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(str(MESSAGES[code]))


def guard(user: Any, *, validated: bool = True) -> Member:
    """The user's member row, or NotAllowed (a 403) with a translated reason."""
    member = (
        Member.objects.select_related("user").filter(user_id=getattr(user, "pk", None) or 0).first()
    )
    if member is None:
        raise NotAllowed("not_member")
    if member.status == Member.Status.SUSPENDED:
        raise NotAllowed("suspended")
    if validated and member.status != Member.Status.VALIDATED:
        raise NotAllowed("pending")
    return member
