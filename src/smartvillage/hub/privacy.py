"""Personal data held by the hub, for the export and erasure registry (accounts.gdpr)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from smartvillage.hub.models import Actor, Initiative, Registration


def export_actors(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": a.name,
            "kind": a.kind,
            "description": a.description,
            "email": a.email,
            "phone": a.phone,
            "website": a.website,
            "contact_by": a.contact_by,
            "listed": a.consent_listed,
            "consented_at": a.consented_at,
            "communes": [c.insee_code for c in a.communes.all()],
        }
        for a in Actor.objects.filter(owner=user, kind=Actor.Kind.PERSON)
    ]


def export_initiatives(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "title": s.title,
            "status": s.status,
            "contact_name": s.contact_name,
            "contact_email": s.contact_email,
            "created": s.created,
        }
        for s in Initiative.objects.filter(author=user)
    ]


def export_registrations(user: Any) -> list[dict[str, Any]]:
    rows = Registration.objects.filter(user=user).select_related("event")
    return [
        {
            "event": r.event.title,
            "start": r.event.starts_at,
            "places": r.seats,
            "status": r.status,
            "registered": r.created,
        }
        for r in rows
    ]


def erase(user: Any) -> None:
    """A person's own directory entry is deleted (organisations' entries stay: they are the
    organisation's); sheets stay published under their organisation but lose the author and
    the author's contact details; future registrations are cancelled."""
    now = timezone.now()
    Actor.objects.filter(owner=user, kind=Actor.Kind.PERSON).delete()
    Actor.objects.filter(owner=user).update(owner=None)
    Initiative.objects.filter(author=user).update(author=None, contact_name="", contact_email="")
    Registration.objects.filter(
        user=user, status=Registration.Status.CONFIRMED, event__starts_at__gt=now
    ).update(status=Registration.Status.CANCELLED, cancelled_at=now)
