"""Authorization matrix: third places. The organisation runs a coworking open every day with
desks, a pass, an event, a closure and a photo; the resident has a desk booked."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from smartvillage.thirdplaces.models import (
    Booking,
    Closure,
    Event,
    OpeningHours,
    PassProduct,
    Photo,
    Space,
    ThirdPlace,
)
from tests.authz import API_OWNER, API_SIGNED_IN, OWNER, PUBLIC, SIGNED_IN, STAFF, Entry, png_bytes

# The coverage analysis: territory staff (admins and operators of a public body).
TERRITORY_STAFF = "login 403 403 403 ok ok"


def build(world):
    place = ThirdPlace.objects.create(
        organisation=world.org, name="La Coop", slug="la-coop", commune=world.commune,
        latitude=44.97, longitude=5.41, has_coworking=True, has_events=True,
        closed_on_public_holidays=False,
    )  # fmt: skip
    for weekday in range(7):
        OpeningHours.objects.create(
            third_place=place, weekday=weekday, opens=time(0), closes=time(0)
        )
    desks = Space.objects.create(
        third_place=place, name="Open space", kind=Space.Kind.DESKS, capacity=3,
        price_half_day=Decimal("8"), price_day=Decimal("14"),
    )  # fmt: skip
    card = PassProduct.objects.create(
        third_place=place, name="Carte 10", kind=PassProduct.Kind.CARD, price=Decimal("110"),
        visits=10,
    )  # fmt: skip
    day = timezone.localdate() + timedelta(days=3)
    tz = timezone.get_current_timezone()
    booking = Booking.objects.create(
        space=desks, user=world.resident, period=Booking.Period.DAY,
        starts_at=datetime.combine(day, time(9), tzinfo=tz),
        ends_at=datetime.combine(day, time(18), tzinfo=tz),
    )  # fmt: skip
    event = Event.objects.create(
        third_place=place, title="Repair café",
        starts_at=datetime.combine(day, time(18), tzinfo=tz),
        ends_at=datetime.combine(day, time(20), tzinfo=tz),
    )  # fmt: skip
    closure = Closure.objects.create(
        third_place=place, first_day=day + timedelta(days=10), last_day=day + timedelta(days=11)
    )
    photo = Photo(third_place=place, alt_text="The room")
    photo.image.save("room.png", ContentFile(png_bytes()))
    theirs = ThirdPlace.objects.create(
        organisation=world.other_org, name="Leur lieu", slug="leur-lieu", commune=world.commune,
        latitude=44.9, longitude=5.4,
    )  # fmt: skip
    world.counterparts[place.slug] = theirs.slug
    world.thirdplaces = dict(
        place=place, desks=desks, card=card, booking=booking, event=event, closure=closure,
        photo=photo, day=day,
    )  # fmt: skip


def _tp(w):
    return w.thirdplaces


def _pk(name):
    return lambda w: {"pk": _tp(w)[name].pk}


def _place(w):
    return {"org": w.org.slug, "slug": _tp(w)["place"].slug}


def _in_place(name):
    return lambda w: {**_place(w), "pk": _tp(w)[name].pk}


ENTRIES = {
    "thirdplaces:directory": Entry(get=PUBLIC),
    "thirdplaces:csv": Entry(get=PUBLIC),
    "thirdplaces:geojson": Entry(get=PUBLIC),
    "thirdplaces:agenda": Entry(get=PUBLIC),
    "thirdplaces:agenda_ics": Entry(get=PUBLIC),
    "thirdplaces:event": Entry(get=PUBLIC, kwargs=_pk("event")),
    "thirdplaces:register": Entry(post=SIGNED_IN, kwargs=_pk("event")),
    "thirdplaces:unregister": Entry(post=SIGNED_IN, kwargs=_pk("event")),
    "thirdplaces:impact": Entry(get=PUBLIC),
    "thirdplaces:impact_csv": Entry(get=PUBLIC),  # open data (opendata app)
    "thirdplaces:coverage": Entry(get=TERRITORY_STAFF),
    "thirdplaces:coverage_csv": Entry(get=TERRITORY_STAFF),
    "thirdplaces:book": Entry(get=SIGNED_IN, post=SIGNED_IN, kwargs=_pk("desks")),
    "thirdplaces:buy_pass": Entry(post=SIGNED_IN, kwargs=_pk("card")),
    "thirdplaces:my_bookings": Entry(get=SIGNED_IN),
    # The calendar: the secret ?token= of its owner, or one's own with the session. Both
    # patterns route to core's views (core.views.member_ics and calendar_feed).
    "thirdplaces:ics": Entry(get="404 ok ok ok ok ok"),
    "thirdplaces:calendar_feed": Entry(post=SIGNED_IN),
    "thirdplaces:change": Entry(get=OWNER, post=OWNER, kwargs=_pk("booking")),
    "thirdplaces:cancel": Entry(post=OWNER, kwargs=_pk("booking")),
    "thirdplaces:workplace": Entry(get=SIGNED_IN, post=SIGNED_IN),
    "thirdplaces:workplace_delete": Entry(post=SIGNED_IN),
    # The managers: the organisation's admins and operators.
    "thirdplaces:manage": Entry(get=STAFF, kwargs=lambda w: {"org": w.org.slug}),
    "thirdplaces:manage_place": Entry(get=STAFF, post=STAFF, kwargs=_place),
    "thirdplaces:delete_closure": Entry(post=STAFF, kwargs=_in_place("closure")),
    "thirdplaces:cancel_event": Entry(post=STAFF, kwargs=_in_place("event")),
    "thirdplaces:occupancy": Entry(get=STAFF, kwargs=_place),
    "thirdplaces:manage_edit": Entry(get=STAFF, post=STAFF, kwargs=_place),
    "thirdplaces:manage_hours": Entry(get=STAFF, post=STAFF, kwargs=_place),
    "thirdplaces:manage_photos": Entry(get=STAFF, post=STAFF, kwargs=_place),
    "thirdplaces:photo_delete": Entry(post=STAFF, kwargs=_in_place("photo")),
    "thirdplaces:space_new": Entry(get=STAFF, post=STAFF, kwargs=_place),
    "thirdplaces:space_edit": Entry(get=STAFF, post=STAFF, kwargs=_in_place("desks")),
    "thirdplaces:pass_new": Entry(get=STAFF, post=STAFF, kwargs=_place),
    "thirdplaces:pass_edit": Entry(get=STAFF, post=STAFF, kwargs=_in_place("card")),
    "thirdplaces:manage_bookings": Entry(get=STAFF, kwargs=_place),
    "thirdplaces:manager_cancel": Entry(post=STAFF, kwargs=_in_place("booking")),
    "thirdplaces:closure_bookings": Entry(get=STAFF, post=STAFF, kwargs=_in_place("closure")),
    "thirdplaces:events_import": Entry(get=STAFF, post=STAFF, kwargs=_place),
    "thirdplaces:statement": Entry(
        get=STAFF, kwargs=lambda w: {**_place(w), "month": f"{_tp(w)['day']:%Y-%m}"}
    ),
    "thirdplaces:place": Entry(get=PUBLIC, kwargs=lambda w: {"slug": _tp(w)["place"].slug}),
    "thirdplaces:place_ics": Entry(get=PUBLIC, kwargs=lambda w: {"slug": _tp(w)["place"].slug}),
    # API.
    "api/v1/thirdplaces/places": Entry(get=PUBLIC),
    "api/v1/thirdplaces/places.geojson": Entry(get=PUBLIC),
    "api/v1/thirdplaces/places/<slug>/availability": Entry(
        get=PUBLIC, kwargs=lambda w: {"slug": _tp(w)["place"].slug}
    ),
    "api/v1/thirdplaces/bookings": Entry(
        get=API_SIGNED_IN,
        post=API_SIGNED_IN,
        data=lambda w: {
            "space": _tp(w)["desks"].pk,
            "day": (_tp(w)["day"] + timedelta(days=1)).isoformat(),
            "period": "day",
        },
    ),
    "api/v1/thirdplaces/bookings/<booking_id>": Entry(
        patch=API_OWNER,
        kwargs=lambda w: {"booking_id": _tp(w)["booking"].pk},
        data=lambda w: {"period": "morning"},
    ),
    "api/v1/thirdplaces/bookings/<booking_id>/cancel": Entry(
        post=API_OWNER, kwargs=lambda w: {"booking_id": _tp(w)["booking"].pk}
    ),
    "api/v1/thirdplaces/events": Entry(get=PUBLIC),
    "api/v1/thirdplaces/events/<event_id>/register": Entry(
        post=API_SIGNED_IN, kwargs=lambda w: {"event_id": _tp(w)["event"].pk}
    ),
}
