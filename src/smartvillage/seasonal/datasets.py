"""Open data of seasonal work: the open jobs (CSV with its Table Schema, and JSON)."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from smartvillage.core.datasets import (
    Dataset,
    Distribution,
    declare,
    field,
    insee_field,
    platform_agent,
    table_schema,
)
from smartvillage.seasonal import rome
from smartvillage.seasonal.models import Job

JOBS_TABLE_SCHEMA = table_schema(
    [
        field("id", "integer", "Identifier of the job", required=True, unique=True),
        field("title", "string", "Title", required=True),
        field("employer", "string", "Employer", required=True),
        field("rome_code", "string", "ROME code (France Travail)", required=True,
              enum=list(rome.jobs())),
        field("season", "string", "Season", required=True),
        insee_field("insee_code"),
        field("commune", "string", "Commune", required=True),
        field("latitude", "number", "Latitude (WGS 84)", required=True, minimum=-90, maximum=90),
        field("longitude", "number", "Longitude (WGS 84)", required=True, minimum=-180,
              maximum=180),
        field("starts_on", "date", "First day", required=True),
        field("ends_on", "date", "Last day", required=True),
        field("contract", "string", "Contract", required=True, enum=list(Job.Contract.values)),
        field("weekly_hours", "number", "Weekly hours", required=True, minimum=0),
        field("hourly_wage", "number", "Gross hourly wage (EUR)", required=True, minimum=0),
        field("housing", "string", "Housing", required=True, enum=list(Job.Housing.values)),
        field("meals", "string", "Meals", required=True, enum=list(Job.Meals.values)),
        field("languages_required", "string", "Languages required (ISO 639-1, space-separated)"),
        field("licences_required", "string", "Licences required (space-separated)"),
        field("skills_required", "string", "Skills required (space-separated codes)"),
        field("reachable_without_car", "boolean", "Reachable without a car", required=True),
        field("positions", "integer", "Positions", required=True, minimum=1),
        field("posted_at", "datetime", "Posted at", required=True),
    ],
    primary_key=["id"],
)  # fmt: skip


@declare("seasonal.jobs")
def jobs() -> list[Dataset]:
    if not Job.objects.exists():  # a territory without seasonal work publishes nothing
        return []
    open_jobs = Job.objects.open()
    return [
        Dataset(
            identifier="seasonal-jobs",
            title=_("Open seasonal jobs"),
            description=_(
                "Seasonal jobs open on the territory: employer, ROME code, season and dates, "
                "contract, hours, wage, housing, languages and licences required, commune "
                "INSEE code."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("seasonal work"), _("jobs"), "ROME"],
            theme="ECON",
            frequency="DAILY",
            modified=open_jobs.aggregate(m=Max("updated"))["m"],
            spatial=sorted(set(open_jobs.values_list("commune__insee_code", flat=True))),
            distributions=[
                Distribution(
                    title=_("Open jobs (CSV)"),
                    url_name="seasonal:jobs_csv",
                    media_type="text/csv",
                    format="CSV",
                    schema=JOBS_TABLE_SCHEMA,
                ),
                Distribution(
                    title=_("Open jobs (JSON)"),
                    url_name="seasonal:jobs_json",
                    media_type="application/json",
                    format="JSON",
                ),
            ],
            landing_url_name="seasonal:jobs",
        )
    ]
