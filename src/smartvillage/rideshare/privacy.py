"""Personal data held by rideshare, for the export and erasure registry (accounts.gdpr)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from smartvillage.rideshare.models import (
    Block,
    Contact,
    HitchRequest,
    Member,
    Message,
    Notification,
    Rating,
    Report,
    Ride,
    RideRequest,
    Trip,
    Vehicle,
)


def export(user: Any) -> dict[str, Any]:
    member = Member.objects.filter(user=user).first()
    if member is None:
        return {}
    return {
        "member": {
            "number": member.number,
            "status": member.status,
            "birth_date": member.birth_date,
            "guardian_name": member.guardian_name,
            "guardian_consent_at": member.guardian_consent_at,
            "charter_version": member.charter_version,
            "charter_accepted_at": member.charter_accepted_at,
            "id_document_checked": member.id_document,
            "validated_at": member.validated_at,
            "has_photo": bool(member.photo),
            "is_driver": member.is_driver,
            "notify_by": member.notify_by,
        },
        "vehicles": list(
            Vehicle.objects.filter(owner=member).values(
                "plate", "colour", "model", "sticker_number", "is_active"
            )
        ),
        "trips": list(
            Trip.objects.filter(driver=member).values(
                "kind",
                "origin_label",
                "origin_lat",
                "origin_lon",
                "destination_label",
                "destination_lat",
                "destination_lon",
                "departure_at",
                "departure_time",
                "weekdays",
                "seats",
                "status",
            )
        ),  # fmt: skip
        "requests": list(
            RideRequest.objects.filter(passenger=member).values(
                "origin_label",
                "origin_lat",
                "origin_lon",
                "destination_label",
                "destination_lat",
                "destination_lon",
                "departure_at",
                "seats",
                "status",
            )
        ),  # fmt: skip
        "hitchhiking": [
            {
                "stop": str(h.stop),
                "destination": str(h.destination),
                "at": h.created,
                "status": h.status,
            }
            for h in HitchRequest.objects.filter(passenger=member).select_related(
                "stop__place", "destination__place"
            )
        ],  # fmt: skip
        # Rides: the member's own side; the other person appears by member number only.
        "rides": [
            {
                "journey_id": str(r.journey_id),
                "role": "driver" if r.driver_id == member.pk else "passenger",
                "from": r.start_label,
                "to": r.end_label,
                "started_at": r.started_at,
                "ended_at": r.ended_at,
                "distance_m": r.distance_m,
                "status": r.status,
            }
            for r in Ride.objects.for_member(member)
        ],
        "hitchhiker_alerts_received": [
            {"at": n.created, "stop": str(n.hitch.stop), "sent_by": n.channel or "dashboard"}
            for n in Notification.objects.filter(member=member).select_related("hitch__stop__place")
        ],
        "rides_costs_shared_cents": {
            str(r.journey_id): r.contribution_cents
            for r in Ride.objects.for_member(member).filter(contribution_cents__gt=0)
        },
        "messages_sent": list(Message.objects.filter(sender=member).values("body", "created")),
        "ratings_given": list(Rating.objects.filter(author=member).values("score", "comment")),
        "reports_made": list(Report.objects.filter(reporter=member).values("reason", "created")),
        "blocked_members": list(
            Block.objects.filter(blocker=member).values_list("blocked__number", flat=True)
        ),
    }


def erase(user: Any) -> None:
    """Blank what identifies the person; keep rides (distance, dates) for the statistics."""
    member = Member.objects.filter(user=user).first()
    if member is None:
        return
    if member.photo:
        member.photo.delete(save=False)
    member.birth_date = None
    member.guardian_name = ""
    member.photo = ""
    member.status = Member.Status.SUSPENDED
    member.suspended_reason = "erased"
    member.card_version += 1
    member.save()
    Vehicle.objects.filter(owner=member).update(plate="", colour="", model="", is_active=False)
    Trip.objects.filter(driver=member).update(
        status=Trip.Status.CANCELLED, origin_lat=None, origin_lon=None, destination_lat=None,
        destination_lon=None, origin_label="", destination_label="", comment="",
    )  # fmt: skip
    RideRequest.objects.filter(passenger=member).delete()
    HitchRequest.objects.filter(passenger=member, ride__isnull=True).delete()
    Message.objects.filter(sender=member).update(body="")
    Contact.objects.filter(Q(passenger=member) | Q(trip__driver=member)).update(
        driver_shares_phone=False, passenger_shares_phone=False
    )
    Rating.objects.filter(author=member).update(comment="")
    Report.objects.filter(reporter=member).update(reason="")
    Block.objects.filter(Q(blocker=member) | Q(blocked=member)).delete()
    Notification.objects.filter(member=member).delete()
    for ride in Ride.objects.for_member(member):
        ride.start_lat, ride.start_lon = _coarse(ride.start_lat), _coarse(ride.start_lon)
        ride.end_lat, ride.end_lon = _coarse(ride.end_lat), _coarse(ride.end_lon)
        ride.share_token = f"erased-{ride.pk}"
        ride.positions_coarsened = True
        ride.save()


def _coarse(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
