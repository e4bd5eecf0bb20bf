"""The carpool proof registry's rules on the export: at least 2 km, per-driver and per-passenger
daily caps against fraud, amounts in cents, distances in metres, ISO 8601 times, and a JSON
document valid against the export's JSON Schema."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from smartvillage.rideshare.models import Ride
from smartvillage.rideshare.services import live, proof
from tests.rideshare.conftest import make_member

PARIS = ZoneInfo("Europe/Paris")


def ride(driver, passenger, car, *, at, metres=12_000, cents=0, **extra):
    return Ride.objects.create(
        driver=driver,
        passenger=passenger,
        vehicle=car,
        start_label="A",
        end_label="B",
        start_lat=44.9703,
        start_lon=5.4142,
        end_lat=45.0708,
        end_lon=5.556,
        start_insee="26074",
        end_insee="38548",
        started_at=at,
        ended_at=at + timedelta(minutes=20),
        distance_m=metres,
        contribution_cents=cents,
        driver_confirmed_at=at,
        passenger_confirmed_at=at,
        status=Ride.Status.COMPLETED,
        **extra,
    )


def morning(hour=8, minute=0, day=10):
    return datetime(2026, 3, day, hour, minute, tzinfo=PARIS)


def test_a_ride_under_2_km_is_recorded_but_not_exported(driver, passenger, car):
    short = ride(driver, passenger, car, at=morning(), metres=1_999)
    long = ride(driver, passenger, car, at=morning(9), metres=2_000)
    document = proof.proof_document()
    assert [j["operator_journey_id"] for j in document["journeys"]] == [str(long.journey_id)]
    [excluded] = document["excluded"]
    assert excluded["operator_journey_id"] == str(short.journey_id)
    assert excluded["reason"] == "too_short"
    assert excluded["message"]
    assert Ride.objects.filter(pk=short.pk).exists()  # still recorded
    assert [r["journey_id"] for r in proof.proof_rows()] == [str(long.journey_id)]
    assert proof.statistics()["rides"] == 2  # the statistics count every shared ride


def test_the_minimum_can_be_raised_not_lowered(driver, passenger, car, settings):
    ride(driver, passenger, car, at=morning(), metres=2_500)
    settings.RIDESHARE_PROOF_MIN_METRES = 3_000
    assert [c.reason for c in proof.check_proofs()] == ["too_short"]
    settings.RIDESHARE_PROOF_MIN_METRES = 500
    assert proof.proof_document()["rules"]["min_distance_m"] == 2_000


def test_a_driver_over_the_daily_cap_is_held_back(driver, passenger, car, make_user, settings):
    settings.RIDESHARE_PROOF_MAX_PER_DRIVER_DAY = 2
    settings.RIDESHARE_PROOF_MAX_PER_PASSENGER_DAY = 10
    passengers = [passenger] + [make_member(make_user(f"x{i}@example.org")) for i in range(3)]
    # A short ride does not use up the allowance.
    ride(driver, passengers[0], car, at=morning(7), metres=800)
    rides = [ride(driver, p, car, at=morning(8 + i)) for i, p in enumerate(passengers)]
    next_day = ride(driver, passengers[0], car, at=morning(8, day=11))
    checks = {c.ride.pk: c.reason for c in proof.check_proofs()}
    assert [checks[r.pk] for r in rides] == ["", "", "driver_daily_limit", "driver_daily_limit"]
    assert checks[next_day.pk] == ""


def test_the_day_is_the_local_day(driver, passenger, car, make_user, settings):
    settings.RIDESHARE_PROOF_MAX_PER_DRIVER_DAY = 1
    other = make_member(make_user("o@example.org"))
    # 23:30 and 00:30 in Paris: two days, though 22:30 and 23:30 UTC share a UTC date.
    late = ride(driver, passenger, car, at=morning(23, 30))
    after_midnight = ride(driver, other, car, at=morning(0, 30, day=11))
    assert {c.ride.pk: c.reason for c in proof.check_proofs()} == {
        late.pk: "",
        after_midnight.pk: "",
    }


def test_a_passenger_over_the_daily_cap_is_held_back(passenger, car, driver, make_user, settings):
    settings.RIDESHARE_PROOF_MAX_PER_PASSENGER_DAY = 1
    other_driver = make_member(make_user("d2@example.org"))
    first = ride(driver, passenger, car, at=morning(8))
    second = ride(other_driver, passenger, car, at=morning(18))
    assert [c.reason for c in proof.check_proofs()] == ["", "passenger_daily_limit"]
    [excluded] = proof.proof_document()["excluded"]
    assert excluded["operator_journey_id"] == str(second.journey_id)
    assert first.pk != second.pk


def test_the_json_follows_the_registry_units_and_the_schema(driver, passenger, car):
    r = ride(driver, passenger, car, at=morning(), metres=12_345, cents=250)
    document = proof.proof_document()
    assert proof.schema_errors(document) == []
    [journey] = document["journeys"]
    assert journey["distance"] == 12_345  # metres, an integer
    assert journey["passenger"]["contribution"] == 250  # cents
    assert journey["driver"]["revenue"] == 250
    assert journey["start"] == {"datetime": "2026-03-10T07:00:00Z", "lat": 44.97, "lon": 5.41}
    assert journey["end"]["datetime"] == "2026-03-10T07:20:00Z"
    assert journey["driver"]["identity"] == {"operator_user_id": driver.number, "over_18": True}
    assert journey["operator_trip_id"] == f"ride-{r.pk}"
    assert journey["incentives"] == []


def test_the_schema_rejects_what_the_registry_would(driver, passenger, car):
    ride(driver, passenger, car, at=morning())
    good = proof.proof_document()
    for path, value in [
        (("distance",), 1500),  # under 2 km
        (("passenger", "contribution"), 2.5),  # euros, not cents
        (("start", "datetime"), "10/03/2026 08:00"),  # not ISO 8601
        (("passenger", "seats"), 0),
        (("operator_class",), "D"),
    ]:
        bad = copy.deepcopy(good)
        target = bad["journeys"][0]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        assert proof.schema_errors(bad), path
    bad = copy.deepcopy(good)
    bad["journeys"][0]["driver"]["identity"]["phone"] = "0601020304"  # no phone numbers
    assert proof.schema_errors(bad)


def test_a_minor_passenger_is_flagged(driver, car, make_user):
    from datetime import date

    teen = make_member(make_user("teen@example.org"))
    teen.birth_date = date(2009, 6, 1)  # 16 on the day of the ride
    teen.save()
    ride(driver, teen, car, at=morning())
    [journey] = proof.proof_document()["journeys"]
    assert journey["passenger"]["identity"]["over_18"] is False


def test_the_driver_records_the_costs_shared(login, driver, passenger, car):
    r = ride(driver, passenger, car, at=morning())
    url = reverse("rideshare:ride_action", args=[r.pk, "contribution"])
    assert login(driver).post(url, {"amount": "3.50"}).status_code == 302
    r.refresh_from_db()
    assert r.contribution_cents == 350
    login(driver).post(url, {"amount": "-1"})
    login(driver).post(url, {"amount": "abc"})
    r.refresh_from_db()
    assert r.contribution_cents == 350
    # The passenger cannot set it.
    assert login(passenger).post(url, {"amount": "0"}).status_code == 403
    r.refresh_from_db()
    assert r.contribution_cents == 350


def test_set_contribution_refuses_someone_else(driver, passenger, car):
    r = ride(driver, passenger, car, at=morning())
    with pytest.raises(ValidationError):
        live.set_contribution(passenger, r, 100)


def test_the_ride_page_says_why_a_ride_is_not_a_proof(login, driver, passenger, car):
    short = ride(driver, passenger, car, at=morning(), metres=900)
    page = login(passenger).get(reverse("rideshare:ride", args=[short.pk]))
    expected = proof.check_ride(short)
    assert expected is not None
    assert expected.reason == "too_short"
    assert expected.message in page.content.decode()


def test_the_relay_desk_lists_rides_held_back(login, relay_staff, driver, passenger, car):
    ride(driver, passenger, car, at=morning(), metres=900)
    page = login(relay_staff).get(reverse("rideshare:relay", args=["parc-du-vercors"]))
    [check] = proof.check_proofs()
    assert check.message in page.content.decode()


def test_an_unknown_export_format_is_404(login, relay_staff):
    url = reverse("rideshare:relay_proofs", args=["parc-du-vercors", "xml"])
    assert login(relay_staff).get(url).status_code == 404
