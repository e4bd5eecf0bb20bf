"""Seasonal work workflows: each runs in one transaction, checks its rules, writes, records an
audit entry and queues its e-mails for after the commit (``core.notifications.notify``).

Refusals are ``ValidationError``s built from ``ERRORS`` (``core.errors.field_error``): the
pages show them on the field they name, the API answers them as 422 (403 for ``not_employer``).
Accepting candidates consumes the job's positions: that write locks the job row and re-counts
under the lock (docs/locking.md), so two answers cannot accept more people than positions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.accounts.models import Organisation
from smartvillage.core import audit, mobility, notifications
from smartvillage.core import booking as core_booking
from smartvillage.core.errors import field_error
from smartvillage.seasonal.models import (
    Application,
    Availability,
    HousingRequest,
    Job,
    SavedSearch,
    Season,
    SeasonRecord,
    WorkerProfile,
)

ERRORS: dict[str, Any] = {
    "not_employer": _("Only an organisation of kind employer can post jobs."),
    "job_closed": _("This job is closed."),
    "already_applied": _("You have already applied to this job."),
    "own_job": _("You cannot apply to a job of your own organisation."),
    "not_live": _("This application has already been answered or withdrawn."),
    "bad_answer": _("Choose shortlisted, accepted or declined."),
    "full": _("Every position of this job is already filled."),
    "no_past_season": _("This person has no confirmed season with your organisation."),
    "already_proposed": _("This person already has an application or a proposal for this job."),
    "not_proposed": _("This is not a rehire proposal waiting for your answer."),
    "already_confirmed": _("This season is already confirmed."),
    "not_accepted": _("Only an accepted application can be recorded as a season worked."),
    "overlap": _("Availability windows must not overlap."),
    "dates": _("The end comes before the start."),
    "outside_season": _("The job's dates must fall within its season."),
}

# Reconduction priority: confirmed seasons of one kind with one employer (L1244-2-2).
PRIORITY_SEASONS = 2


def error(code: str, field: str = NON_FIELD_ERRORS, **params: Any) -> ValidationError:
    return field_error(ERRORS, field, code, **params)


# --- E-mails (core.notifications, after the commit, in the recipient's language) -------------


def email_organisation(organisation: Organisation, template: str, context: dict[str, Any]) -> None:
    """The employer's contact address, in the site's language."""
    if organisation.email:

        def send() -> None:
            subject, body = notifications.render(f"seasonal/email/{template}", context)
            notifications.notify(email=organisation.email, subject=subject, text=body)

        transaction.on_commit(send)


# --- Jobs ---------------------------------------------------------------------------------------


def check_employer(organisation: Organisation) -> None:
    if organisation.kind != Organisation.Kind.EMPLOYER:
        raise error("not_employer")


def _reachable(job: Job) -> bool:
    # Asked once when the job is saved; the matching index reads the stored answer.
    return mobility.reachable_without_car(job.latitude, job.longitude)


def save_job(job: Job, *, actor: Any) -> Job:
    """Create or update a job after its full validation; nothing is saved on an error."""
    check_employer(job.employer)
    job.full_clean()
    season: Season = job.season
    if job.starts_on < season.starts_on or job.ends_on > season.ends_on:
        raise error("outside_season", "starts_on")
    job.reachable_without_car = _reachable(job)
    created = job.pk is None
    with transaction.atomic():
        job.save()
        audit.record(actor, "seasonal.job.posted" if created else "seasonal.job.changed", job)
    return job


def close_job(job: Job, *, actor: Any) -> bool:
    """Close a job (no more applications); False when it was already closed."""
    with transaction.atomic():
        changed = Job.objects.filter(pk=job.pk, status=Job.Status.OPEN).update(
            status=Job.Status.CLOSED, closed_at=timezone.now(), updated=timezone.now()
        )
        if changed:
            audit.record(actor, "seasonal.job.closed", job)
    job.refresh_from_db()
    return bool(changed)


# --- Applications -------------------------------------------------------------------------------


def apply(job: Job, worker: Any, message: str = "") -> Application:
    if not job.is_open:
        raise error("job_closed")
    if job.employer.memberships.filter(user=worker).exists():
        raise error("own_job")
    with transaction.atomic():
        if Application.objects.filter(job=job, worker=worker).exists():
            raise error("already_applied")
        WorkerProfile.objects.get_or_create(user=worker)
        application = Application.objects.create(job=job, worker=worker, message=message)
        audit.record(worker, "seasonal.application.sent", application)
        email_organisation(
            job.employer,
            "application_sent",
            {"job": job, "worker": str(worker), "message": message},
        )
    return application


def withdraw(application: Application, *, actor: Any) -> bool:
    with transaction.atomic():
        changed = Application.objects.filter(pk=application.pk, status__in=Application.LIVE).update(
            status=Application.Status.WITHDRAWN
        )
        if changed:
            audit.record(actor, "seasonal.application.withdrawn", application)
    application.refresh_from_db()
    return bool(changed)


def _race_window() -> None:
    """Nothing. The concurrency tests make it sleep between the count and the write."""


def _accepted(job: Job) -> int:
    return job.applications.filter(status=Application.Status.ACCEPTED).count()


def answer(
    application: Application, status: str, reply: str = "", *, actor: Any, lock: bool = True
) -> Application:
    """The employer shortlists, accepts or declines a candidate (accepting takes a position)."""
    allowed = {
        Application.Status.SHORTLISTED,
        Application.Status.ACCEPTED,
        Application.Status.DECLINED,
    }
    if status not in allowed:
        raise error("bad_answer", "status")

    def attempt() -> Application:
        if lock:
            (job,) = core_booking.lock(Job.objects.all(), [application.job_id])
        else:  # only for the concurrency test that proves the race
            job = Job.objects.get(pk=application.job_id)
        current = Application.objects.get(pk=application.pk)
        if current.status not in (Application.Status.SENT, Application.Status.SHORTLISTED):
            raise error("not_live")
        if status == Application.Status.ACCEPTED and _accepted(job) >= job.positions:
            raise error("full", "status")
        _race_window()
        current.status = status
        current.reply = reply
        current.answered_at = timezone.now()
        current.save(update_fields=["status", "reply", "answered_at"])
        audit.record(actor, "seasonal.application.answered", current, status=status)
        notifications.email_user(
            current.worker,
            "seasonal/email/application_answered",
            {"job": job, "application": current},
        )
        return current

    return core_booking.run_locked(attempt)


# --- Season history and rehire ------------------------------------------------------------------


def declare_season(
    worker: Any, employer: Organisation, season: Season, job_title: str, *, confirmed_by: Any = None
) -> SeasonRecord:
    """A season worked; confirmed at once when the employer records it (``confirmed_by``)."""
    check_employer(employer)
    with transaction.atomic():
        record, _created = SeasonRecord.objects.get_or_create(
            worker=worker, employer=employer, season=season, defaults={"job_title": job_title}
        )
        if confirmed_by is not None and record.confirmed_at is None:
            record.confirmed_at = timezone.now()
            record.save(update_fields=["confirmed_at"])
        audit.record(confirmed_by or worker, "seasonal.season.recorded", record)
    return record


def record_season_of(application: Application, *, actor: Any) -> SeasonRecord:
    """The employer records the season an accepted candidate worked, confirmed at once."""
    if application.status != Application.Status.ACCEPTED:
        raise error("not_accepted")
    job = application.job
    return declare_season(
        application.worker, job.employer, job.season, job.title, confirmed_by=actor
    )


def confirm_season(record: SeasonRecord, *, actor: Any) -> SeasonRecord:
    if record.confirmed_at is not None:
        raise error("already_confirmed")
    with transaction.atomic():
        record.confirmed_at = timezone.now()
        record.save(update_fields=["confirmed_at"])
        audit.record(actor, "seasonal.season.confirmed", record)
    return record


def confirmed_seasons(worker: Any, employer: Organisation) -> list[SeasonRecord]:
    return list(
        SeasonRecord.objects.filter(
            worker=worker, employer=employer, confirmed_at__isnull=False
        ).select_related("season")
    )


def has_reconduction_priority(worker: Any, employer: Organisation) -> bool:
    """Two confirmed seasons of the same kind (winter, summer) with this employer."""
    kinds = [r.season.kind for r in confirmed_seasons(worker, employer)]
    return any(kinds.count(kind) >= PRIORITY_SEASONS for kind in set(kinds))


def past_workers(employer: Organisation) -> list[Any]:
    """People with a confirmed season at this employer, most recent first (no duplicates)."""
    seen: dict[int, Any] = {}
    records = (
        SeasonRecord.objects.filter(employer=employer, confirmed_at__isnull=False)
        .select_related("worker", "season")
        .order_by("-season__starts_on")
    )
    for record in records:
        if record.worker.is_active:
            seen.setdefault(record.worker_id, record.worker)
    return list(seen.values())


def propose_rehire(job: Job, worker: Any, message: str = "", *, actor: Any) -> Application:
    """The employer offers last season's worker this job; the worker accepts or declines."""
    if not job.is_open:
        raise error("job_closed")
    if not confirmed_seasons(worker, job.employer):
        raise error("no_past_season")
    with transaction.atomic():
        if Application.objects.filter(job=job, worker=worker).exists():
            raise error("already_proposed")
        application = Application.objects.create(
            job=job, worker=worker, status=Application.Status.PROPOSED, message=message
        )
        audit.record(actor, "seasonal.rehire.proposed", application)
        notifications.email_user(
            worker, "seasonal/email/rehire_proposed", {"job": job, "message": message}
        )
    return application


def respond_to_proposal(application: Application, accept: bool, *, actor: Any) -> Application:
    def attempt() -> Application:
        (job,) = core_booking.lock(Job.objects.all(), [application.job_id])
        current = Application.objects.get(pk=application.pk)
        if current.status != Application.Status.PROPOSED:
            raise error("not_proposed")
        if accept and _accepted(job) >= job.positions:
            raise error("full")
        current.status = Application.Status.ACCEPTED if accept else Application.Status.DECLINED
        current.answered_at = timezone.now()
        current.save(update_fields=["status", "answered_at"])
        audit.record(actor, "seasonal.rehire.answered", current, accepted=accept)
        return current

    return core_booking.run_locked(attempt)


# --- Worker profile -----------------------------------------------------------------------------


def save_profile(
    profile: WorkerProfile,
    windows: Iterable[tuple[date, date]] | None = None,
    communes: Iterable[Any] | None = None,
) -> WorkerProfile:
    """Validate and save the profile with its availability windows (replaced as a whole)."""
    profile.full_clean(exclude=["user"])
    spans = sorted(windows) if windows is not None else None
    for start, end in spans or []:
        if end < start:
            raise error("dates", "availability")
    for (_s1, e1), (s2, _e2) in zip(spans or [], (spans or [])[1:], strict=False):
        if s2 <= e1:
            raise error("overlap", "availability")
    with transaction.atomic():
        profile.save()
        if spans is not None:
            profile.availabilities.all().delete()
            Availability.objects.bulk_create(
                Availability(profile=profile, starts_on=s, ends_on=e) for s, e in spans
            )
        if communes is not None:
            profile.wished_communes.set(communes)
        audit.record(profile.user, "seasonal.profile.saved", profile)
    return profile


# --- Housing and alerts -------------------------------------------------------------------------


def save_housing_request(request: HousingRequest) -> HousingRequest:
    request.full_clean(exclude=["worker"])
    if request.ends_on < request.starts_on:
        raise error("dates", "ends_on")
    with transaction.atomic():
        request.save()
        audit.record(request.worker, "seasonal.housing_request.saved", request)
    return request


def save_search(worker: Any, name: str, filters: dict[str, Any]) -> SavedSearch:
    with transaction.atomic():
        search = SavedSearch.objects.create(worker=worker, name=name, filters=filters)
        audit.record(worker, "seasonal.search.saved", search)
    return search
