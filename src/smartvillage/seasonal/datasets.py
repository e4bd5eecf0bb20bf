"""Open data of seasonal work: the open jobs (CSV, JSON) with their commune's INSEE code."""

from __future__ import annotations

from django.db.models import Max, Min
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
from smartvillage.seasonal.models import Job

_WORDS = "space-separated"
JOBS_SCHEMA = table_schema(
    [
        field("id", "integer", "Identifier of the job", required=True, unique=True),
        field("title", "string", "Title", required=True),
        field("employer", "string", "Employer", required=True),
        field(
            "rome_code",
            "string",
            "ROME code of the trade (France Travail)",
            pattern=r"[A-N][0-9]{4}",
        ),  # fmt: skip
        field("season", "string", "Season", required=True),
        insee_field("insee_code", "INSEE code of the commune of work"),
        field("commune", "string", "Commune of work", required=True),
        field("latitude", "number", "Latitude (WGS 84)", minimum=-90, maximum=90),
        field("longitude", "number", "Longitude (WGS 84)", minimum=-180, maximum=180),
        field("starts_on", "date", "First day", required=True),
        field("ends_on", "date", "Last day", required=True),
        field("contract", "string", "Contract", required=True),
        field("weekly_hours", "number", "Hours per week", minimum=0),
        field("hourly_wage", "number", "Gross hourly wage (EUR)", minimum=0),
        field("housing", "string", "Housing offered"),
        field("meals", "string", "Meals offered"),
        field("languages_required", "string", f"Languages required, {_WORDS}"),
        field("licences_required", "string", f"Licences required, {_WORDS}"),
        field("skills_required", "string", f"Skills required, {_WORDS}"),
        field("reachable_without_car", "boolean", "Reachable without a car", required=True),
        field("positions", "integer", "Positions open", required=True, minimum=1),
        field("posted_at", "datetime", "Posted", required=True, format="any"),
    ],
    primary_key=["id"],
    true_values=["True"],
    false_values=["False"],
)


@declare("seasonal.jobs")
def jobs() -> list[Dataset]:
    found = Job.objects.open()
    span = found.aggregate(first=Min("starts_on"), last=Max("ends_on"))
    return [
        Dataset(
            identifier="seasonal-jobs",
            title=_("Open seasonal jobs"),
            description=_(
                "The seasonal jobs open on the territory: trade (ROME code), employer, "
                "commune (INSEE code), dates, hours, wage, housing and meals, whether the "
                "place is reachable without a car."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("seasonal work"), _("jobs"), _("tourism")],
            theme="ECON",
            frequency="DAILY",
            modified=found.aggregate(m=Max("updated"))["m"],
            spatial=sorted(set(found.values_list("commune__insee_code", flat=True))),
            temporal=(span["first"], span["last"]) if span["first"] and span["last"] else None,
            distributions=[
                Distribution(
                    title=_("Seasonal jobs (CSV)"),
                    url_name="seasonal:jobs_csv",
                    media_type="text/csv",
                    format="CSV",
                    schema=JOBS_SCHEMA,
                ),  # fmt: skip
                Distribution(
                    title=_("Seasonal jobs (JSON)"),
                    url_name="seasonal:jobs_json",
                    media_type="application/json",
                    format="JSON",
                ),  # fmt: skip
            ],
            landing_url_name="seasonal:jobs",
        )
    ]
