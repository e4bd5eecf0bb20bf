"""Authorization matrix: car sharing. The resident is an approved member of the organisation's
fleet with two bookings (one coming, one under way); staff and admin manage the fleet."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from smartvillage.carsharing.models import (
    Booking,
    CarshareMember,
    DamageReport,
    Fleet,
    MaintenanceBlock,
    PricingPlan,
    Station,
    Trip,
    Vehicle,
)
from tests.authz import (
    API_OWNER,
    API_SIGNED_IN,
    OWNER,
    PUBLIC,
    SIGNED_IN,
    STAFF,
    Entry,
    png_bytes,
)


def build(world):
    org, now = world.org, timezone.now()
    Fleet.objects.create(organisation=org, name="Autopartage du parc")
    plan = PricingPlan.objects.create(
        organisation=org, name="Standard", hourly_rate=Decimal("2"), per_km_rate=Decimal("0.2"),
        is_default=True,
    )  # fmt: skip
    station = Station.objects.create(
        organisation=org, name="Mairie", commune=world.commune, latitude=44.97, longitude=5.41
    )
    vehicle = Vehicle.objects.create(
        organisation=org, station=station, name="Zoé", make="Renault", model="Zoé",
        pricing_plan=plan,
    )  # fmt: skip
    member = CarshareMember.objects.create(
        user=world.resident, organisation=org, licence_number="123456789012",
        status=CarshareMember.Status.APPROVED,
    )  # fmt: skip
    day = (now + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    coming = Booking.objects.create(
        vehicle=vehicle, member=member, starts_at=day, ends_at=day + timedelta(hours=2)
    )
    started = Booking.objects.create(
        vehicle=vehicle, member=member, starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )  # fmt: skip
    Trip.objects.create(
        booking=started, checked_out_at=now - timedelta(hours=1), odometer_start=1000,
        battery_start=90,
    )  # fmt: skip
    report = DamageReport.objects.create(
        vehicle=vehicle, booking=started, reported_by=world.resident, description="Scratch"
    )
    report.photo.save("scratch.png", ContentFile(png_bytes()))
    block = MaintenanceBlock.objects.create(
        vehicle=vehicle, starts_at=day + timedelta(days=2), ends_at=day + timedelta(days=3),
        reason="Tyres",
    )  # fmt: skip
    world.carsharing = dict(
        station=station, vehicle=vehicle, plan=plan, member=member, coming=coming,
        started=started, report=report, block=block, day=day,
    )  # fmt: skip


def _cs(w):
    return w.carsharing


def _org(w):
    return {"org": w.org.slug}


def _in_org(name):
    return lambda w: {"org": w.org.slug, "pk": _cs(w)[name].pk}


def _slot(w, days=1):
    start = _cs(w)["day"] + timedelta(days=days)
    return {"start": start.isoformat(), "end": (start + timedelta(hours=2)).isoformat()}


ENTRIES = {
    "carsharing:find": Entry(get=PUBLIC),
    # Vehicles are public; booking needs an account (the service refuses non-members on the
    # form, with the reason: the page itself is for everyone signed in).
    "carsharing:book": Entry(
        get=SIGNED_IN,
        post=SIGNED_IN,
        kwargs=lambda w: {"pk": _cs(w)["vehicle"].pk},
        data=lambda w: {k: v[:16] for k, v in _slot(w).items()},
    ),
    "carsharing:my_bookings": Entry(get=SIGNED_IN),
    # The calendar: the secret ?token= of its owner, or one's own with the session. Both
    # patterns route to core's views (core.views.member_ics and calendar_feed).
    "carsharing:ics": Entry(get="404 ok ok ok ok ok"),
    "carsharing:booking": Entry(get=OWNER, kwargs=lambda w: {"pk": _cs(w)["coming"].pk}),
    "carsharing:change": Entry(get=OWNER, post=OWNER, kwargs=lambda w: {"pk": _cs(w)["coming"].pk}),
    "carsharing:cancel": Entry(post=OWNER, kwargs=lambda w: {"pk": _cs(w)["coming"].pk}),
    "carsharing:check_out": Entry(post=OWNER, kwargs=lambda w: {"pk": _cs(w)["coming"].pk}),
    "carsharing:check_in": Entry(post=OWNER, kwargs=lambda w: {"pk": _cs(w)["started"].pk}),
    "carsharing:late": Entry(post=OWNER, kwargs=lambda w: {"pk": _cs(w)["started"].pk}),
    "carsharing:calendar_feed": Entry(post=SIGNED_IN),
    "carsharing:my_statements": Entry(get=SIGNED_IN),
    # The reporter and the fleet's managers.
    "carsharing:damage_photo": Entry(
        get="login ok 404 404 ok ok", kwargs=lambda w: {"pk": _cs(w)["report"].pk}
    ),
    "carsharing:join": Entry(get=SIGNED_IN, post=SIGNED_IN, kwargs=_org),
    "carsharing:manage": Entry(get=STAFF, kwargs=_org),
    "carsharing:vehicle_calendar": Entry(get=STAFF, kwargs=_in_org("vehicle")),
    "carsharing:review_member": Entry(
        post=STAFF, kwargs=_in_org("member"), data=lambda w: {"status": "approved"}
    ),
    "carsharing:station_new": Entry(get=STAFF, post=STAFF, kwargs=_org),
    "carsharing:station_edit": Entry(get=STAFF, post=STAFF, kwargs=_in_org("station")),
    "carsharing:vehicle_new": Entry(get=STAFF, post=STAFF, kwargs=_org),
    "carsharing:vehicle_edit": Entry(get=STAFF, post=STAFF, kwargs=_in_org("vehicle")),
    "carsharing:block_new": Entry(get=STAFF, post=STAFF, kwargs=_in_org("vehicle")),
    "carsharing:block_delete": Entry(post=STAFF, kwargs=_in_org("block")),
    "carsharing:plan_new": Entry(get=STAFF, post=STAFF, kwargs=_org),
    "carsharing:plan_edit": Entry(get=STAFF, post=STAFF, kwargs=_in_org("plan")),
    "carsharing:damage_list": Entry(get=STAFF, kwargs=_org),
    "carsharing:damage_detail": Entry(get=STAFF, post=STAFF, kwargs=_in_org("report")),
    "carsharing:statements": Entry(get=STAFF, kwargs=_org),
    # GBFS: open data.
    "gbfs:manifest": Entry(get=PUBLIC),
    "gbfs:feed": Entry(get=PUBLIC, kwargs=lambda w: {"name": "vehicle_status"}),
    "gbfs:org_feed": Entry(
        get=PUBLIC, kwargs=lambda w: {"org": w.org.slug, "name": "station_status"}
    ),
    # API.
    "api/v1/carsharing/vehicles": Entry(get=PUBLIC, query=_slot),
    # Booking needs an approved membership of the fleet: others 403.
    "api/v1/carsharing/bookings": Entry(
        get=API_SIGNED_IN,
        post="401 ok 403 403 403 403",
        data=lambda w: {"vehicle": _cs(w)["vehicle"].pk, **_slot(w, days=2)},
    ),
    "api/v1/carsharing/bookings/<booking_id>": Entry(
        get=API_OWNER,
        patch=API_OWNER,
        kwargs=lambda w: {"booking_id": _cs(w)["coming"].pk},
        data=lambda w: _slot(w, days=0),
    ),
    "api/v1/carsharing/bookings/<booking_id>/cancel": Entry(
        post=API_OWNER, kwargs=lambda w: {"booking_id": _cs(w)["coming"].pk}
    ),
}
