"""Authorization matrix: on-demand transport. The organisation runs a service; the resident
has a trip and a recurring trip on a run given to the driver; Jeanne (no account) was booked
by phone."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from smartvillage.ondemand.models import (
    Availability,
    Beneficiary,
    Booking,
    Driver,
    PlanProposal,
    RecurringBooking,
    Run,
    Service,
    ServiceDay,
    Stop,
    Vehicle,
)
from smartvillage.territory.models import Place
from tests.authz import (
    ADMIN_ONLY,
    API_OWNER,
    API_SIGNED_IN,
    OWNER,
    PUBLIC,
    SIGNED_IN,
    STAFF,
    Entry,
)

DRIVER = "login 404 ok 404 404 404"  # the driver's own run
# The matrix asks for permissions, not for a good plan: a short search is enough.
SETTINGS = {"ONDEMAND_OPTIMISE_SECONDS": 0.2}


def build(world):
    org = world.org
    service = Service.objects.create(
        organisation=org, name="Transport du parc", slug="tad-parc", days="1234567",
        min_notice=timedelta(hours=1),
    )  # fmt: skip
    service.communes.set([world.commune])
    places = [
        Place.objects.create(
            slug=f"arret-{i}",
            name=f"Arrêt {i}",
            kind=Place.Kind.STOP,
            commune=world.commune,
            latitude=44.97 + i / 100,
            longitude=5.41,
        )  # fmt: skip
        for i in range(2)
    ]
    stops = [Stop.objects.create(service=service, place=p) for p in places]
    vehicle = Vehicle.objects.create(organisation=org, name="Minibus", seats=8, home_base=places[0])
    driver = Driver.objects.create(organisation=org, user=world.driver)
    for weekday in range(1, 8):
        Availability.objects.create(
            driver=driver, weekday=weekday, start_time=time(7), end_time=time(19)
        )
    mine = Beneficiary.objects.create(
        organisation=org, user=world.resident, first_name="Resident", last_name="Persona"
    )
    walk_in = Beneficiary.objects.create(
        organisation=org, first_name="Jeanne", last_name="Martin", phone="0612345678"
    )
    date = timezone.localdate() + timedelta(days=3)
    tz = timezone.get_current_timezone()
    at = datetime.combine(date, time(10), tzinfo=tz)
    day = ServiceDay.objects.create(service=service, date=date)
    run = Run.objects.create(
        day=day, vehicle=vehicle, driver=driver, shift_start=at - timedelta(hours=2),
        shift_end=at + timedelta(hours=6),
    )  # fmt: skip
    a, b = places
    booking = Booking.objects.create(
        service=service, beneficiary=mine, date=date, origin_stop=stops[0],
        origin_label=a.name, origin_lat=a.latitude, origin_lon=a.longitude,
        destination_stop=stops[1], destination_label=b.name, destination_lat=b.latitude,
        destination_lon=b.longitude, time_kind=Booking.TimeKind.LEAVE_AT, requested_time=at,
        window_start=at, window_end=at + timedelta(minutes=20), run=run,
    )  # fmt: skip
    recurring = RecurringBooking.objects.create(
        service=service, beneficiary=mine, weekdays="2", origin_stop=stops[0],
        destination_stop=stops[1], time_kind=Booking.TimeKind.LEAVE_AT, time=time(9),
        start_date=date,
    )  # fmt: skip
    proposal = PlanProposal.objects.create(
        day=day, based_on_version=0, distance_before_m=1000, distance_after_m=900
    )
    # The other organisation's own service, for its operator's attempts at ours.
    theirs = Service.objects.create(organisation=world.other_org, name="Leur TAD", slug="leur-tad")
    world.counterparts[service.slug] = theirs.slug
    world.ondemand = dict(
        service=service, stops=stops, vehicle=vehicle, driver=driver, mine=mine,
        walk_in=walk_in, day=day, run=run, booking=booking, recurring=recurring,
        proposal=proposal, at=at,
    )  # fmt: skip


def _od(w):
    return w.ondemand


def _service(w):
    return {"slug": _od(w)["service"].slug}


def _in_service(name):
    return lambda w: {"slug": _od(w)["service"].slug, "pk": _od(w)[name].pk}


def _trip(w, **extra):
    stops = _od(w)["stops"]
    at = _od(w)["at"] + timedelta(hours=3)
    return {
        "origin": {"stop": stops[0].pk},
        "destination": {"stop": stops[1].pk},
        "time": at.isoformat(),
        **extra,
    }


ENTRIES = {
    "ondemand:index": Entry(get=PUBLIC),
    "ondemand:my_trips": Entry(get=SIGNED_IN),
    "ondemand:cancel_trip": Entry(post=OWNER, kwargs=lambda w: {"pk": _od(w)["booking"].pk}),
    "ondemand:recurring_stop": Entry(post=OWNER, kwargs=lambda w: {"pk": _od(w)["recurring"].pk}),
    "ondemand:driver_runs": Entry(get=SIGNED_IN),
    "ondemand:driver_run": Entry(get=DRIVER, kwargs=lambda w: {"pk": _od(w)["run"].pk}),
    "ondemand:manifest": Entry(get=DRIVER, kwargs=lambda w: {"pk": _od(w)["run"].pk}),
    "ondemand:driver_answer": Entry(
        post=DRIVER,
        kwargs=lambda w: {"pk": _od(w)["run"].pk},
        data=lambda w: {"answer": "accept"},
    ),
    "ondemand:driver_mark": Entry(
        post=DRIVER,
        kwargs=lambda w: {"pk": _od(w)["run"].pk, "booking_pk": _od(w)["booking"].pk},
        data=lambda w: {"event": "picked_up"},
    ),
    "ondemand:service_new": Entry(get=STAFF, post=STAFF, kwargs=lambda w: {"org": w.org.slug}),
    "ondemand:service": Entry(get=PUBLIC, kwargs=_service),
    "ondemand:gtfs_flex": Entry(get=PUBLIC, kwargs=_service),
    "ondemand:book": Entry(get=SIGNED_IN, post=SIGNED_IN, kwargs=_service),
    "ondemand:recurring_new": Entry(get=SIGNED_IN, post=SIGNED_IN, kwargs=_service),
    # The operator's pages: the organisation's admins and operators.
    "ondemand:dashboard": Entry(get=STAFF, kwargs=_service),
    "ondemand:service_edit": Entry(get=STAFF, post=STAFF, kwargs=_service),
    "ondemand:stop_add": Entry(post=STAFF, kwargs=_service),
    "ondemand:stop_remove": Entry(
        post=STAFF, kwargs=lambda w: {"slug": _od(w)["service"].slug, "pk": _od(w)["stops"][0].pk}
    ),
    "ondemand:phone": Entry(get=STAFF, post=STAFF, kwargs=_service),
    "ondemand:phone_recurring": Entry(get=STAFF, post=STAFF, kwargs=_service),
    "ondemand:beneficiaries": Entry(get=STAFF, kwargs=_service),
    "ondemand:beneficiary_export": Entry(get=STAFF, kwargs=_in_service("walk_in")),
    # Erasing a person's data: admins only.
    "ondemand:beneficiary_erase": Entry(post=ADMIN_ONLY, kwargs=_in_service("walk_in")),
    "ondemand:booking": Entry(get=STAFF, kwargs=_in_service("booking")),
    "ondemand:booking_cancel": Entry(post=STAFF, kwargs=_in_service("booking")),
    "ondemand:booking_move": Entry(post=STAFF, kwargs=_in_service("booking")),
    "ondemand:day": Entry(
        get=STAFF, kwargs=lambda w: {"slug": "tad-parc", "day": _od(w)["day"].date.isoformat()}
    ),
    "ondemand:day_optimise": Entry(
        post=STAFF, kwargs=lambda w: {"slug": "tad-parc", "day": _od(w)["day"].date.isoformat()}
    ),
    "ondemand:proposal": Entry(
        post=STAFF, kwargs=_in_service("proposal"), data=lambda w: {"answer": "discard"}
    ),
    "ondemand:run_assign": Entry(
        post=STAFF, kwargs=_in_service("run"), data=lambda w: {"driver": _od(w)["driver"].pk}
    ),
    "ondemand:vehicles": Entry(get=STAFF, post=STAFF, kwargs=_service),
    "ondemand:drivers": Entry(get=STAFF, post=STAFF, kwargs=_service),
    "ondemand:driver_exception": Entry(post=STAFF, kwargs=_in_service("driver")),
    "ondemand:stats": Entry(get=STAFF, kwargs=_service),
    "ondemand:stats_csv": Entry(get=STAFF, kwargs=_service),
    "ondemand:monthly_stats": Entry(get=PUBLIC, kwargs=_service),  # open data (opendata app)
    # API.
    "api/v1/ondemand/services": Entry(get=PUBLIC),
    "api/v1/ondemand/services/<slug>": Entry(get=PUBLIC, kwargs=_service),
    "api/v1/ondemand/services/<slug>/quote": Entry(post=API_SIGNED_IN, kwargs=_service, data=_trip),
    # Booking for someone else (a beneficiary without an account): the operators only.
    "api/v1/ondemand/services/<slug>/bookings": Entry(
        post="401 403 403 403 ok ok",
        kwargs=_service,
        data=lambda w: _trip(w, beneficiary=_od(w)["walk_in"].pk),
    ),
    "api/v1/ondemand/bookings": Entry(get=API_SIGNED_IN),
    "api/v1/ondemand/bookings/<booking_id>": Entry(
        get=API_OWNER, kwargs=lambda w: {"booking_id": _od(w)["booking"].pk}
    ),
    "api/v1/ondemand/bookings/<booking_id>/cancel": Entry(
        post=API_OWNER, kwargs=lambda w: {"booking_id": _od(w)["booking"].pk}
    ),
}
