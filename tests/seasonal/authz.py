"""Authorization matrix: seasonal work. The organisation (a public body running the services)
employs seasonal staff: it has an open job, a housing offer and a past season of the
resident's to confirm; the resident applied to the job, has an alert and a housing request.
The other organisation has a job of its own."""

from datetime import date
from decimal import Decimal

from smartvillage.seasonal.models import (
    Application,
    HousingOffer,
    HousingRequest,
    Intercommunality,
    Job,
    SavedSearch,
    Season,
    SeasonRecord,
    WorkerProfile,
)
from tests.authz import API_SIGNED_IN, OWNER, PUBLIC, SIGNED_IN, STAFF, Entry


def build(world):
    area = Intercommunality.objects.create(name="Vercors", slug="vercors-matrix")
    season = Season.objects.create(
        intercommunality=area, kind="winter", name="Hiver", starts_on=date(2026, 12, 1),
        ends_on=date(2027, 4, 15),
    )  # fmt: skip

    def job(org, title):
        return Job.objects.create(
            employer=org, season=season, title=title, description="…", rome_code="G1803",
            commune=world.commune, latitude=44.97, longitude=5.41, starts_on=season.starts_on,
            ends_on=season.ends_on, weekly_hours=Decimal(35), hourly_wage=Decimal(12),
        )  # fmt: skip

    ours = job(world.org, "Serveur")
    job(world.other_org, "Leur poste")
    WorkerProfile.objects.create(user=world.resident, shown_fields=["skills"])
    application = Application.objects.create(job=ours, worker=world.resident)
    record = SeasonRecord.objects.create(
        worker=world.resident, employer=world.org, season=season, job_title="Serveur"
    )
    offer = HousingOffer.objects.create(
        offerer=world.org, title="Studio", commune=world.commune, latitude=44.97, longitude=5.41,
        available_from=season.starts_on, available_until=season.ends_on,
        monthly_rent=Decimal(400),
    )  # fmt: skip
    housing_request = HousingRequest.objects.create(
        worker=world.resident, commune=world.commune, starts_on=season.starts_on,
        ends_on=season.ends_on, max_rent=Decimal(450), consent_to_contact=True,
    )  # fmt: skip
    search = SavedSearch.objects.create(worker=world.resident, name="Tout", filters={})
    world.seasonal = dict(
        job=ours, application=application, record=record, offer=offer,
        housing_request=housing_request, search=search,
    )  # fmt: skip


def _pk(name):
    return lambda w: {"pk": w.seasonal[name].pk}


def _org(w):
    return {"org": w.org.slug}


def _org_pk(name):
    return lambda w: {"org": w.org.slug, "pk": w.seasonal[name].pk}


ENTRIES = {
    "seasonal:jobs": Entry(get=PUBLIC),
    "seasonal:jobs_csv": Entry(get=PUBLIC),
    "seasonal:jobs_json": Entry(get=PUBLIC),
    "seasonal:job": Entry(get=PUBLIC, kwargs=_pk("job")),
    # Anyone signed in may apply (the organisation's own members are refused by the service).
    "seasonal:apply": Entry(post=SIGNED_IN, kwargs=_pk("job")),
    "seasonal:contacts": Entry(get=PUBLIC),
    "seasonal:housing": Entry(get=PUBLIC),
    "seasonal:profile": Entry(get=SIGNED_IN, post=SIGNED_IN),
    "seasonal:declare_season": Entry(post=SIGNED_IN),
    "seasonal:applications": Entry(get=SIGNED_IN),
    "seasonal:withdraw": Entry(post=OWNER, kwargs=_pk("application")),
    "seasonal:respond": Entry(post=OWNER, kwargs=_pk("application")),
    "seasonal:searches": Entry(get=SIGNED_IN, post=SIGNED_IN),
    "seasonal:search_delete": Entry(post=OWNER, kwargs=_pk("search")),
    "seasonal:my_housing": Entry(get=SIGNED_IN, post=SIGNED_IN),
    "seasonal:housing_request_close": Entry(post=OWNER, kwargs=_pk("housing_request")),
    "seasonal:checklist": Entry(get=SIGNED_IN, post=SIGNED_IN),
    "seasonal:manage": Entry(get=STAFF, kwargs=_org),
    "seasonal:job_new": Entry(get=STAFF, post=STAFF, kwargs=_org),
    "seasonal:manage_job": Entry(get=STAFF, kwargs=_org_pk("job")),
    "seasonal:job_edit": Entry(get=STAFF, post=STAFF, kwargs=_org_pk("job")),
    "seasonal:job_close": Entry(post=STAFF, kwargs=_org_pk("job")),
    "seasonal:rehire": Entry(
        post=STAFF, kwargs=_org_pk("job"), data=lambda w: {"worker": w.resident.pk}
    ),
    "seasonal:answer": Entry(
        post=STAFF, kwargs=_org_pk("application"), data=lambda w: {"status": "declined"}
    ),
    # The resident applied to the organisation's job: its staff may see the profile.
    # The application is not accepted: staff get the service's refusal (a message).
    "seasonal:record_season": Entry(post=STAFF, kwargs=_org_pk("application")),
    "seasonal:worker": Entry(
        get=STAFF, kwargs=lambda w: {"org": w.org.slug, "user_id": w.resident.pk}
    ),  # fmt: skip
    "seasonal:confirm_season": Entry(post=STAFF, kwargs=_org_pk("record")),
    "seasonal:manage_housing": Entry(get=STAFF, post=STAFF, kwargs=_org),
    "seasonal:housing_close": Entry(post=STAFF, kwargs=_org_pk("offer")),
}

ENTRIES.update(
    {
        "api/v1/seasonal/jobs": Entry(get=PUBLIC),
        "api/v1/seasonal/jobs/<job_id>": Entry(
            get=PUBLIC, kwargs=lambda w: {"job_id": w.seasonal["job"].pk}
        ),
        # Signed-in people may apply; the organisation's own members get the service's 422.
        "api/v1/seasonal/jobs/<job_id>/apply": Entry(
            post=API_SIGNED_IN, kwargs=lambda w: {"job_id": w.seasonal["job"].pk}
        ),
        "api/v1/seasonal/jobs/<job_id>/candidates": Entry(
            get="401 403 403 404 ok ok", kwargs=lambda w: {"job_id": w.seasonal["job"].pk}
        ),
        "api/v1/seasonal/me/applications": Entry(get=API_SIGNED_IN),
        "api/v1/seasonal/me/matches": Entry(get=API_SIGNED_IN),
        "api/v1/seasonal/contacts": Entry(get=PUBLIC),
    }
)
