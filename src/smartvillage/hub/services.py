"""The hub's workflows: moderation of the sheets, event registration with a capacity, the
self-assessment and the matchmaking. Each runs in one transaction and writes the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from smartvillage.core import audit
from smartvillage.core.errors import field_error
from smartvillage.hub import indicators
from smartvillage.hub.models import (
    Actor,
    Assessment,
    Dimension,
    Event,
    Initiative,
    Registration,
    Status,
)

ERRORS: dict[str, Any] = {
    "not_draft": _("Only a draft can be submitted for review."),
    "not_in_review": _("This sheet is not waiting for review."),
    "note_required": _("Tell the author what to change."),
    "event_full": _("This event is full."),
    "few_places": ngettext_lazy("Only %(left)s seat left.", "Only %(left)s seats left.", "left"),
    "event_over": _("This event has already started."),
    "event_cancelled": _("This event has been cancelled."),
    "registration_closed": _("Registration is closed for this event."),
    "already_registered": _("You are already registered."),
    "not_registered": _("You are not registered for this event."),
}


def error(code: str, field: str = NON_FIELD_ERRORS, **params: Any) -> ValidationError:
    return field_error(ERRORS, field, code, **params)


def unique_slug(model: type[models.Model], text: str, *, exclude: int | None = None) -> str:
    base = slugify(text)[:150] or "fiche"
    slug, n = base, 2
    others = model._default_manager.exclude(pk=exclude) if exclude else model._default_manager
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- Actors --------------------------------------------------------------------------------------


def save_actor(actor: Actor, user: Any) -> Actor:
    """Save an entry; the consent date follows the consent box."""
    if actor.consent_listed and actor.consented_at is None:
        actor.consented_at = timezone.now()
    elif not actor.consent_listed:
        actor.consented_at = None
    if not actor.slug:
        actor.slug = unique_slug(Actor, actor.name)
    created = actor.pk is None
    actor.save()
    audit.record(user, "hub.actor.created" if created else "hub.actor.changed", actor)
    return actor


# --- Initiatives (moderation) --------------------------------------------------------------------


def save_initiative(sheet: Initiative, user: Any) -> Initiative:
    """Save what the author wrote. A published sheet changed by its author goes back to
    review: what the public reads is always what a moderator accepted."""
    if not sheet.slug:
        sheet.slug = unique_slug(Initiative, sheet.title)
    created = sheet.pk is None
    if created:
        sheet.author = user
        sheet.status = Status.DRAFT
    elif sheet.status == Status.PUBLISHED:
        sheet.status = Status.REVIEW
        sheet.submitted_at = timezone.now()
    sheet.save()
    audit.record(user, "hub.initiative.created" if created else "hub.initiative.changed", sheet)
    return sheet


@transaction.atomic
def submit(sheet: Initiative, user: Any) -> Initiative:
    locked = Initiative.objects.select_for_update().get(pk=sheet.pk)
    if locked.status != Status.DRAFT:
        raise error("not_draft")
    locked.status = Status.REVIEW
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated"])
    audit.record(user, "hub.initiative.submitted", locked)
    return locked


@transaction.atomic
def publish(sheet: Initiative, moderator: Any) -> Initiative:
    locked = Initiative.objects.select_for_update().get(pk=sheet.pk)
    if locked.status != Status.REVIEW:
        raise error("not_in_review")
    locked.status = Status.PUBLISHED
    locked.published_at = locked.published_at or timezone.now()
    locked.moderated_by = moderator
    locked.moderation_note = ""
    locked.save(
        update_fields=["status", "published_at", "moderated_by", "moderation_note", "updated"]
    )
    audit.record(moderator, "hub.initiative.published", locked)
    return locked


@transaction.atomic
def send_back(sheet: Initiative, moderator: Any, note: str) -> Initiative:
    """Return a sheet to its author as a draft, saying what to change."""
    if not note.strip():
        raise error("note_required", "note")
    locked = Initiative.objects.select_for_update().get(pk=sheet.pk)
    if locked.status != Status.REVIEW:
        raise error("not_in_review")
    locked.status = Status.DRAFT
    locked.moderated_by = moderator
    locked.moderation_note = note.strip()
    locked.save(update_fields=["status", "moderated_by", "moderation_note", "updated"])
    audit.record(moderator, "hub.initiative.sent_back", locked)
    return locked


@transaction.atomic
def unpublish(sheet: Initiative, moderator: Any, note: str) -> Initiative:
    if not note.strip():
        raise error("note_required", "note")
    locked = Initiative.objects.select_for_update().get(pk=sheet.pk)
    locked.status = Status.DRAFT
    locked.moderated_by = moderator
    locked.moderation_note = note.strip()
    locked.save(update_fields=["status", "moderated_by", "moderation_note", "updated"])
    audit.record(moderator, "hub.initiative.unpublished", locked)
    return locked


# --- Events --------------------------------------------------------------------------------------


def _race_window() -> None:
    """Nothing. A concurrency test may make it sleep between the count and the insert."""


@transaction.atomic
def register(
    user: Any, event: Event, seats: int = 1, *, now: datetime | None = None, lock: bool = True
) -> Any:
    """Register for an event. The event row is locked, then the seats are counted again
    under the lock (docs/locking.md): the last seats go to exactly one person. (``lock=False``
    only for the test that proves the race exists without it.)"""
    now = now or timezone.now()
    events = Event.objects.select_for_update() if lock else Event.objects.all()
    locked = events.get(pk=event.pk)
    if locked.cancelled:
        raise error("event_cancelled")
    if not locked.registration_open:
        raise error("registration_closed")
    if locked.starts_at <= now:
        raise error("event_over")
    existing = Registration.objects.filter(event=locked, user=user).first()
    if existing and existing.status == Registration.Status.CONFIRMED:
        raise error("already_registered")
    if locked.capacity is not None:
        left = locked.capacity - locked.seats_taken()
        if left <= 0:
            raise error("event_full")
        if seats > left:
            raise error("few_places", "seats", left=left)
    _race_window()
    if existing:  # registered before, then cancelled: the same row comes back
        existing.status, existing.seats, existing.cancelled_at = (
            Registration.Status.CONFIRMED, seats, None,
        )  # fmt: skip
        existing.save(update_fields=["status", "seats", "cancelled_at"])
        registration = existing
    else:
        registration = Registration.objects.create(event=locked, user=user, seats=seats)
    audit.record(user, "hub.registration.created", locked, seats=seats)
    return registration


@transaction.atomic
def unregister(user: Any, event: Event, *, now: datetime | None = None) -> Registration:
    now = now or timezone.now()
    registration = (
        Registration.objects.select_for_update()
        .filter(event=event, user=user, status=Registration.Status.CONFIRMED)
        .first()
    )
    if registration is None:
        raise error("not_registered")
    if event.starts_at <= now:
        raise error("event_over")
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    audit.record(user, "hub.registration.cancelled", event)
    return registration


# --- Self-assessment -----------------------------------------------------------------------------


def save_assessment(
    assessment: Assessment,
    user: Any,
    answers: dict[str, int],
    targets: dict[str, int],
    *,
    complete: bool,
) -> Assessment:
    """Store the answers and targets, compute the scores; ``complete`` makes it public."""
    assessment.answers = indicators.clean_answers(answers)
    assessment.scores = indicators.scores(assessment.answers)
    codes = {code for code, _ in Dimension.choices}
    assessment.targets = {
        k: v for k, v in targets.items() if k in codes and isinstance(v, int) and 0 <= v <= 100
    }
    assessment.completed = assessment.completed or complete
    if assessment.created_by_id is None:
        assessment.created_by = user
    assessment.save()
    audit.record(user, "hub.assessment.saved", assessment, completed=assessment.completed)
    return assessment


def gaps(assessment: Assessment) -> dict[str, int]:
    """Target minus score per dimension (0 when the target is reached or not set)."""
    return {
        code: max(int(assessment.targets.get(code, 0)) - int(assessment.scores.get(code, 0)), 0)
        for code, _ in Dimension.choices
    }


def _place_key(a: Assessment) -> tuple[str, int | None]:
    return ("commune", a.commune_id) if a.commune_id else ("area", a.area_id)


def latest_assessments(exclude: Assessment | None = None) -> list[Assessment]:
    """The latest completed assessment of every place (commune or area) but ``exclude``'s."""
    seen = {_place_key(exclude)} if exclude is not None else set()
    latest = []
    rows = Assessment.objects.filter(completed=True).select_related("commune", "area")
    for a in rows.order_by("-assessed_on", "-pk"):
        if _place_key(a) not in seen:
            seen.add(_place_key(a))
            latest.append(a)
    return latest


def matchmaking(assessment: Assessment, n: int = 2) -> dict[str, Any]:
    """For the ``n`` weakest dimensions of ``assessment``: published initiatives on that
    dimension from places whose latest assessment scores higher on it, and listed actors who
    offer help on it (but the organisation that ran the assessment)."""
    weak = indicators.weakest(assessment.scores, n)
    better_by_dim: dict[str, list[Assessment]] = {}
    for other in latest_assessments(exclude=assessment):
        for dim in weak:
            if int(other.scores.get(dim, 0)) > int(assessment.scores.get(dim, 0)):
                better_by_dim.setdefault(dim, []).append(other)
    result = []
    labels = dict(Dimension.choices)
    for dim in weak:
        better = better_by_dim.get(dim, [])
        communes = {a.commune_id for a in better if a.commune_id}
        area_ids = [a.area_id for a in better if a.area_id]
        place_filter = models.Q(communes__in=communes) | models.Q(communes__areas__in=area_ids)
        sheets = (
            Initiative.objects.published()
            .filter(dimensions__contains=dim)
            .filter(place_filter)
            .distinct()
            .order_by("title")
        )
        helpers = (
            Actor.objects.listed()
            .filter(helps_on__contains=dim)
            .exclude(organisation=assessment.organisation_id)  # not the place's own staff
            .order_by("name")
        )
        result.append(
            {
                "dimension": dim,
                "label": labels[dim],
                "score": assessment.scores.get(dim, 0),
                "places": better,
                "initiatives": list(sheets[:10]),
                "actors": list(helpers[:10]),
            }
        )
    return {"weakest": weak, "dimensions": result}
