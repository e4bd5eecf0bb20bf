"""Authorization matrix: hitchhiking and carpooling. The organisation is a relay (its staff
validate members); the other organisation is another relay. The resident (a passenger) and the
driver are validated members who met: a trip, a request, a contact, a hitch and a ride."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from smartvillage.rideshare.models import (
    Contact,
    HitchRequest,
    Member,
    Notification,
    Relay,
    Report,
    Ride,
    RideRequest,
    Stop,
    Trip,
    Vehicle,
)
from smartvillage.rideshare.services import members
from smartvillage.territory.models import Place
from tests.authz import PUBLIC, SIGNED_IN, STAFF, Entry, png_bytes

MEMBERS = "login ok ok 403 403 403"  # validated members; others are not in the network
API_MEMBERS = "401 ok ok 403 403 403"


def _member(user, relay, **extra):
    return Member.objects.create(
        user=user, birth_date=timezone.localdate() - timedelta(days=40 * 365),
        charter_version="2026-1", charter_accepted_at=timezone.now(),
        status=Member.Status.VALIDATED, relay=relay, **extra,
    )  # fmt: skip


def build(world):
    now = timezone.now()
    relay = Relay.objects.create(organisation=world.org, address="Maison du Parc")
    Relay.objects.create(organisation=world.other_org, address="Ailleurs")
    passenger = _member(world.resident, relay)
    passenger.photo.save("me.png", ContentFile(png_bytes()))
    driver = _member(world.driver, relay, is_driver=True)
    car = Vehicle.objects.create(owner=driver, plate="GH-482-KT", colour="blanche", model="Clio")
    stops = [
        Stop.objects.create(
            place=Place.objects.create(
                slug=f"stop-{i}",
                name=f"Stop {i}",
                kind=Place.Kind.STOP,
                commune=world.commune,
                latitude=44.97 + i / 50,
                longitude=5.41,
            ),
            relay=relay,
        )  # fmt: skip
        for i in range(2)
    ]
    a, b = (s.place for s in stops)
    trip = Trip.objects.create(
        driver=driver, vehicle=car, kind=Trip.Kind.ONE_OFF, origin_label=a.name,
        origin_lat=a.latitude, origin_lon=a.longitude, destination_label=b.name,
        destination_lat=b.latitude, destination_lon=b.longitude,
        departure_at=now + timedelta(hours=2), seats=3,
    )  # fmt: skip
    request = RideRequest.objects.create(
        passenger=passenger, origin_label=a.name, origin_lat=a.latitude, origin_lon=a.longitude,
        destination_label=b.name, destination_lat=b.latitude, destination_lon=b.longitude,
        departure_at=now + timedelta(hours=2),
    )  # fmt: skip
    contact = Contact.objects.create(
        trip=trip, request=request, passenger=passenger, ride_on=timezone.localdate()
    )
    hitch = HitchRequest.objects.create(
        passenger=passenger, stop=stops[0], destination=stops[1],
        expires_at=now + timedelta(minutes=20),
    )  # fmt: skip
    Notification.objects.create(member=driver, hitch=hitch)
    ride = Ride.objects.create(
        driver=driver, passenger=passenger, vehicle=car, contact=contact,
        start_label=a.name, end_label=b.name, started_at=now - timedelta(minutes=10),
    )  # fmt: skip
    report = Report.objects.create(reporter=passenger, reported=driver, reason="Too fast")
    world.rideshare = dict(
        relay=relay, passenger=passenger, driver=driver, car=car, stops=stops, trip=trip,
        request=request, contact=contact, hitch=hitch, ride=ride, report=report,
        card=members.card_token(passenger),
    )  # fmt: skip


def _rs(w):
    return w.rideshare


def _pk(name, **extra):
    return lambda w: {"pk": _rs(w)[name].pk, **extra}


def _relay(w):
    return {"org": w.org.slug}


ENTRIES = {
    "rideshare:home": Entry(get=PUBLIC),
    "rideshare:stops": Entry(get=PUBLIC),
    "rideshare:stops_geojson": Entry(get=PUBLIC),
    "rideshare:stops_bnlc": Entry(get=PUBLIC),
    "rideshare:stop_cards": Entry(get=PUBLIC, kwargs=lambda w: {"pk": _rs(w)["stops"][0].pk}),
    "rideshare:statistics": Entry(get=PUBLIC),
    "rideshare:statistics_csv": Entry(get=PUBLIC),  # open data (opendata app)
    # Anyone scanning a card sees whether it is valid (no personal data).
    "rideshare:check_card": Entry(get=PUBLIC, kwargs=lambda w: {"token": _rs(w)["card"]}),
    # The trusted contact's link: the secret token is the credential.
    "rideshare:follow": Entry(get=PUBLIC, kwargs=lambda w: {"token": _rs(w)["ride"].share_token}),
    "rideshare:join": Entry(get=SIGNED_IN, post=SIGNED_IN),
    "rideshare:dashboard": Entry(get=MEMBERS),
    "rideshare:card": Entry(get=MEMBERS),
    "rideshare:notify_preferences": Entry(post=MEMBERS, data=lambda w: {"notify_by": "email"}),
    "rideshare:add_vehicle": Entry(post=MEMBERS),
    # A member's photo: themselves, the people they met, and the staff of their relay.
    "rideshare:photo": Entry(
        get="login ok ok 404 ok ok", kwargs=lambda w: {"number": _rs(w)["passenger"].number}
    ),
    # Reporting or blocking: only someone the member met (the driver cannot block himself).
    "rideshare:member_action": Entry(
        post="login ok 404 403 403 403",
        kwargs=lambda w: {"number": _rs(w)["driver"].number, "action": "block"},
    ),
    "rideshare:new_trip": Entry(get=MEMBERS, post=MEMBERS),
    "rideshare:trip": Entry(get="login 404 ok 403 403 403", kwargs=_pk("trip")),
    "rideshare:cancel_trip": Entry(post="login 404 ok 403 403 403", kwargs=_pk("trip")),
    "rideshare:contact_driver": Entry(post=MEMBERS, kwargs=_pk("trip")),
    "rideshare:new_request": Entry(get=MEMBERS, post=MEMBERS),
    "rideshare:request": Entry(get="login ok 404 403 403 403", kwargs=_pk("request")),
    "rideshare:contact": Entry(get=MEMBERS, kwargs=_pk("contact")),
    # Accepting a contact is the driver's answer.
    "rideshare:contact_action": Entry(
        post="login 403 ok 403 403 403", kwargs=_pk("contact", action="accept")
    ),
    "rideshare:new_hitch": Entry(get=MEMBERS, post=MEMBERS),
    # The passenger and the drivers who were told.
    "rideshare:hitch": Entry(get=MEMBERS, kwargs=_pk("hitch")),
    "rideshare:hitch_action": Entry(
        post="login ok 403 403 403 403", kwargs=_pk("hitch", action="cancel")
    ),
    "rideshare:ride": Entry(get=MEMBERS, kwargs=_pk("ride")),
    # The amount shared is the driver's to say.
    "rideshare:ride_action": Entry(
        post="login 403 ok 403 403 403",
        kwargs=_pk("ride", action="contribution"),
        data=lambda w: {"amount": "2.50"},
    ),
    # Relay staff: the organisation's admins and operators.
    "rideshare:relay": Entry(get=STAFF, kwargs=_relay),
    "rideshare:relay_validate": Entry(
        post=STAFF, kwargs=lambda w: {"org": w.org.slug, "pk": _rs(w)["passenger"].pk}
    ),
    "rideshare:relay_suspend": Entry(
        post=STAFF, kwargs=lambda w: {"org": w.org.slug, "pk": _rs(w)["passenger"].pk}
    ),
    # The moderation queue is shared by every relay (views.relay_suspend): a report on a
    # member of another relay may be handled by any relay's staff, so that it never waits.
    "rideshare:relay_moderate": Entry(
        post=STAFF,
        other_org="ok",
        kwargs=lambda w: {"org": w.org.slug, "pk": _rs(w)["report"].pk},
        data=lambda w: {"decision": "dismissed"},
    ),
    "rideshare:relay_new_stop": Entry(post=STAFF, kwargs=_relay),
    "rideshare:relay_proofs": Entry(get=STAFF, kwargs=lambda w: {"org": w.org.slug, "fmt": "csv"}),
    # API.
    "api/v1/rideshare/stops.geojson": Entry(get=PUBLIC),
    "api/v1/rideshare/cards/<token>": Entry(get=PUBLIC, kwargs=lambda w: {"token": _rs(w)["card"]}),
    "api/v1/rideshare/statistics": Entry(get=PUBLIC),
    "api/v1/rideshare/search": Entry(
        post=API_MEMBERS,
        data=lambda w: {
            "origin_lat": 44.97,
            "origin_lon": 5.41,
            "destination_lat": 44.99,
            "destination_lon": 5.41,
            "time": (timezone.now() + timedelta(hours=2)).isoformat(),
        },
    ),
    "api/v1/rideshare/hitch": Entry(
        post=API_MEMBERS,
        data=lambda w: {"stop": _rs(w)["stops"][1].pk, "destination": _rs(w)["stops"][0].pk},
    ),
    "api/v1/rideshare/rides": Entry(get=API_MEMBERS),
}
