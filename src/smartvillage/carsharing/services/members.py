"""Membership of a fleet: asking to join, the manager's review."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from smartvillage.accounts.models import Organisation
from smartvillage.carsharing.models import CarshareMember
from smartvillage.core import audit


def ask_to_join(
    user: Any, organisation: Organisation, licence_number: str, licence_expiry: Any
) -> CarshareMember:
    member, created = CarshareMember.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={"licence_number": licence_number, "licence_expiry": licence_expiry},
    )
    if created:
        audit.record(user, "carsharing.member.asked", member)
    return member


def review(actor: Any, member: CarshareMember, status: str) -> bool:
    """Approve or suspend; return False when nothing changed."""
    if status not in CarshareMember.Status.values or status == member.status:
        return False
    with transaction.atomic():
        member.status = status
        member.reviewed_at = timezone.now()
        member.reviewed_by = actor
        member.save(update_fields=["status", "reviewed_at", "reviewed_by"])
        audit.record(actor, f"carsharing.member.{status}", member, user=member.user_id)
    return True
