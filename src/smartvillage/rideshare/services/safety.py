"""Safety: report or block a member, rate after the ride, the staff's moderation queue."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.core import audit
from smartvillage.rideshare.models import Block, Member, Rating, Report, Ride
from smartvillage.rideshare.services.members import suspend

ERRORS = {
    "self": _("You cannot do this to yourself."),
    "reason": _("Tell us what happened."),
    "score": _("Give a rating from 1 to 5."),
    "not_party": _("You can only rate a ride you shared."),
    "not_done": _("You can rate a ride once it has arrived."),
    "rated": _("You have already rated this ride."),
    "decision": _("Unknown decision."),
}


def block(blocker: Member, blocked: Member) -> bool:
    if blocker.pk == blocked.pk:
        raise ValidationError({"__all__": [ERRORS["self"]]})
    _row, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    if created:
        audit.record(blocker.user, "rideshare.member.blocked", None, member=blocked.pk)
    return created


def report(reporter: Member, reported: Member, reason: str, ride: Ride | None = None) -> Report:
    if reporter.pk == reported.pk:
        raise ValidationError({"__all__": [ERRORS["self"]]})
    if not reason.strip():
        raise ValidationError({"reason": [ERRORS["reason"]]})
    with transaction.atomic():
        row = Report.objects.create(
            reporter=reporter, reported=reported, reason=reason.strip(), ride=ride
        )
        # Whoever reports someone never meets them again through the platform.
        Block.objects.get_or_create(blocker=reporter, blocked=reported)
        audit.record(reporter.user, "rideshare.report.created", row, member=reported.pk)
    return row


def rate(author: Member, ride: Ride, score: int, comment: str = "") -> Rating:
    if author.pk not in {ride.driver_id, ride.passenger_id}:
        raise ValidationError({"__all__": [ERRORS["not_party"]]})
    if ride.status != Ride.Status.COMPLETED:
        raise ValidationError({"__all__": [ERRORS["not_done"]]})
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationError({"score": [ERRORS["score"]]})
    if Rating.objects.filter(ride=ride, author=author).exists():
        raise ValidationError({"__all__": [ERRORS["rated"]]})
    rating = Rating.objects.create(
        ride=ride, author=author, subject=ride.other(author), score=score, comment=comment[:500]
    )
    audit.record(author.user, "rideshare.ride.rated", ride, score=score)
    return rating


def moderate(actor: Any, row: Report, decision: str) -> bool:
    """Dismiss the report, or suspend the reported member. False when already handled."""
    if decision not in {Report.Status.DISMISSED, Report.Status.SUSPENDED}:
        raise ValidationError({"decision": [ERRORS["decision"]]})
    if row.status != Report.Status.OPEN:
        return False
    with transaction.atomic():
        row.status = decision
        row.handled_by = actor
        row.handled_at = timezone.now()
        row.save(update_fields=["status", "handled_by", "handled_at"])
        if decision == Report.Status.SUSPENDED:
            suspend(actor, row.reported, str(_("Suspended after a report.")))
        audit.record(actor, f"rideshare.report.{decision}", row)
    return True
