"""Personal data of seasonal work, for the export and erasure registry (accounts.gdpr)."""

from __future__ import annotations

from typing import Any

from smartvillage.seasonal.models import (
    Application,
    HousingRequest,
    SavedSearch,
    SeasonRecord,
    WorkerProfile,
)


def export_profile(user: Any) -> dict[str, Any] | None:
    profile = WorkerProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "skills": profile.skills,
        "languages": profile.languages,
        "licences": profile.licences,
        "wished_places": [c.insee_code for c in profile.wished_communes.all()],
        "availability": [
            {"from": a.starts_on, "until": a.ends_on} for a in profile.availabilities.all()
        ],
        "needs_housing": profile.needs_housing,
        "has_car": profile.has_car,
        "my_path": profile.my_path,
        "open_to_offers": profile.open_to_offers,
        "shown_fields": profile.shown_fields,
        "checklist_done": profile.checklist_done,
    }


def export_applications(user: Any) -> list[dict[str, Any]]:
    rows = Application.objects.filter(worker=user).select_related("job__employer")
    return [
        {
            "job": a.job.title,
            "employer": a.job.employer.slug,
            "status": a.status,
            "message": a.message,
            "reply": a.reply,
            "sent": a.created,
        }
        for a in rows
    ]


def export_seasons(user: Any) -> list[dict[str, Any]]:
    rows = SeasonRecord.objects.filter(worker=user).select_related("employer", "season")
    return [
        {
            "employer": r.employer.slug,
            "season": r.season.name,
            "job": r.job_title,
            "confirmed": r.confirmed_at,
        }
        for r in rows
    ]


def export_housing_requests(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "near": r.commune.insee_code,
            "from": r.starts_on,
            "until": r.ends_on,
            "max_rent": str(r.max_rent),
            "people": r.people,
            "note": r.note,
            "consent_to_contact": r.consent_to_contact,
        }
        for r in HousingRequest.objects.filter(worker=user).select_related("commune")
    ]


def export_searches(user: Any) -> list[dict[str, Any]]:
    return [{"name": s.name, "filters": s.filters} for s in SavedSearch.objects.filter(worker=user)]


def erase(user: Any) -> None:
    """The profile, housing requests and saved searches go; applications stay for the
    employers' records with their messages blanked (they point to the anonymised user);
    live ones are withdrawn. Season records stay (an employer's history), unnamed."""
    WorkerProfile.objects.filter(user=user).delete()
    HousingRequest.objects.filter(worker=user).delete()
    SavedSearch.objects.filter(worker=user).delete()
    Application.objects.filter(worker=user, status__in=Application.LIVE).update(
        status=Application.Status.WITHDRAWN
    )
    Application.objects.filter(worker=user).update(message="")
