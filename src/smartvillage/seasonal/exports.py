"""Open data of seasonal work: open jobs as CSV and JSON, and a job as schema.org
``JobPosting`` JSON-LD (https://schema.org/JobPosting; Google's required properties are
title, description, datePosted, hiringOrganization, jobLocation, plus validThrough)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes  # type: ignore[attr-defined]
from django.utils.safestring import SafeString, mark_safe

from smartvillage.seasonal.models import Job

# schema.org employmentType values for our contracts.
EMPLOYMENT_TYPE: dict[str, list[str]] = {
    Job.Contract.SEASONAL: ["TEMPORARY", "FULL_TIME"],
    Job.Contract.FIXED_TERM: ["TEMPORARY"],
    Job.Contract.PERMANENT: ["FULL_TIME"],
    Job.Contract.TEMPORARY: ["TEMPORARY"],
    Job.Contract.APPRENTICESHIP: ["INTERN"],
}

COLUMNS = [
    "id", "title", "employer", "rome_code", "season", "insee_code", "commune", "latitude",
    "longitude", "starts_on", "ends_on", "contract", "weekly_hours", "hourly_wage", "housing",
    "meals", "languages_required", "licences_required", "skills_required",
    "reachable_without_car", "positions", "posted_at",
]  # fmt: skip


def job_row(job: Job) -> dict[str, Any]:
    return {
        "id": job.pk,
        "title": job.title,
        "employer": job.employer.name,
        "rome_code": job.rome_code,
        "season": job.season.name,
        "insee_code": job.commune.insee_code,
        "commune": job.commune.name,
        "latitude": job.latitude,
        "longitude": job.longitude,
        "starts_on": job.starts_on.isoformat(),
        "ends_on": job.ends_on.isoformat(),
        "contract": job.contract,
        "weekly_hours": str(job.weekly_hours),
        "hourly_wage": str(job.hourly_wage),
        "housing": job.housing,
        "meals": job.meals,
        "languages_required": " ".join(job.languages_required),
        "licences_required": " ".join(job.licences_required),
        "skills_required": " ".join(job.skills_required),
        "reachable_without_car": job.reachable_without_car,
        "positions": job.positions,
        "posted_at": job.posted_at.isoformat(),
    }


def _rows(jobs: Iterable[Job]) -> list[dict[str, Any]]:
    queryset: Any = jobs
    if hasattr(queryset, "select_related"):
        queryset = queryset.select_related("employer", "season", "commune")
    return [job_row(job) for job in queryset]


def jobs_csv(jobs: Iterable[Job]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(_rows(jobs))  # booleans as True/False: the Table Schema says so
    return out.getvalue()


def jobs_json(jobs: Iterable[Job]) -> str:
    return json.dumps({"jobs": _rows(jobs)}, ensure_ascii=False, indent=1)


def job_posting_data(job: Job, url: str) -> dict[str, Any]:
    employer = job.employer
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description,
        "identifier": {"@type": "PropertyValue", "name": employer.name, "value": str(job.pk)},
        "datePosted": job.posted_at.date().isoformat(),
        "validThrough": job.valid_through.isoformat(),
        "jobStartDate": job.starts_on.isoformat(),
        "employmentType": EMPLOYMENT_TYPE.get(job.contract, ["OTHER"]),
        "hiringOrganization": {
            "@type": "Organization",
            "name": employer.name,
            **({"sameAs": employer.website} if employer.website else {}),
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": job.commune.name,
                "postalCode": (job.commune.postal_codes or "").split(" ")[0],
                "addressCountry": "FR",
            },
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": job.latitude,
                "longitude": job.longitude,
            },
        },  # fmt: skip
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "value": float(job.hourly_wage),
                "unitText": "HOUR",
            },
        },  # fmt: skip
        "workHours": f"{job.weekly_hours} h/week",
        "occupationalCategory": job.rome_code,
        "totalJobOpenings": job.positions,
        "directApply": True,
        "url": url,
    }
    if job.housing != Job.Housing.NONE:
        data["jobBenefits"] = job.get_housing_display()
    return data


def job_posting(job: Job, url: str) -> SafeString:
    """The JSON-LD text for a ``<script type="application/ld+json">`` element: ``<``, ``>``
    and ``&`` escaped as ``json_script`` does, so that no text can close the element."""
    text = json.dumps(job_posting_data(job, url), cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))  # noqa: S308 - escaped just above
