"""A driver's maximum distance from home holds for every stop of the run; a vehicle is never
in two runs (of one service or two) at overlapping times; operators book recurring trips."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from smartvillage.ondemand.models import Booking, RecurringBooking, Run, Service, ServiceDay
from smartvillage.ondemand.services import booking as service_booking
from smartvillage.ondemand.services import planning

from .conftest import NOW, WEDNESDAY, _place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def near_home_driver(driver, places):
    """Dan lives at La Chapelle and drives at most 5 km from home (Vassieux is ~9 km away)."""
    driver.home = places["chapelle"]
    driver.max_distance_km = 5
    driver.save()
    return driver


# --- Maximum distance from home ---------------------------------------------------------------


def test_a_trip_beyond_the_only_drivers_reach_is_refused_with_the_reason(trip, near_home_driver):
    with pytest.raises(service_booking.Unservable) as caught:
        service_booking.book(None, trip(), now=NOW)  # Vassieux → market
    assert "trop loin" in caught.value.messages[0]


def test_a_trip_within_reach_is_booked(trip, near_home_driver, stops):
    nearby = trip(origin=service_booking.Endpoint.of_stop(stops["chapelle"]))
    assert service_booking.book(None, nearby, now=NOW).run.driver == near_home_driver


def test_the_trip_goes_to_the_driver_who_may_go_there(trip, near_home_driver, second_driver):
    booking = service_booking.book(None, trip(), now=NOW)
    assert booking.run.driver == second_driver


def test_a_run_is_not_given_to_a_driver_living_too_far_from_a_stop(
    trip, driver, second_driver, organisation, make_user, places
):
    from smartvillage.accounts.models import Membership

    from .conftest import _driver

    booking = service_booking.book(None, trip(), now=NOW)
    run = booking.run
    other_run = Run.objects.exclude(pk=run.pk).get()
    planning.decline_run(other_run)
    user = make_user("far@example.org", first_name="Fanny", last_name="Far")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.DRIVER)
    fanny = _driver(organisation, user)
    fanny.home, fanny.max_distance_km = places["chapelle"], 5
    fanny.save()
    # Free the run with the Vassieux trip so it can be given to Fanny.
    planning.decline_run(run)
    booking.refresh_from_db()
    Run.objects.filter(pk=run.pk).update(status=Run.Status.DECLINED)
    Booking.objects.filter(pk=booking.pk).update(run=run)
    from smartvillage.ondemand.models import RunStop

    RunStop.objects.create(run=run, booking=booking, kind="pickup", sequence=1,
                           planned_time=WEDNESDAY)  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        planning.assign_driver(run, fanny)
    message = caught.value.messages[0]
    assert "Fanny Far ne peut pas assurer cette tournée" in message
    assert "Vassieux" in message
    assert "5\u00a0km" in message
    run.refresh_from_db()
    assert run.status == Run.Status.DECLINED


def test_moving_a_trip_to_a_run_whose_driver_lives_too_far_is_refused(
    trip, driver, second_driver, places
):
    booking = service_booking.book(None, trip(), now=NOW)
    target = Run.objects.exclude(pk=booking.run_id).get()
    target.driver.home, target.driver.max_distance_km = places["chapelle"], 5
    target.driver.save()
    with pytest.raises(ValidationError) as caught:
        planning.move(booking, target)
    assert "ne peut pas assurer cette tournée" in caught.value.messages[0]
    booking.refresh_from_db()
    assert booking.run_id != target.pk


def test_reoptimising_keeps_every_trip_within_its_drivers_reach(
    trip, driver, second_driver, places, stops, service
):
    for i, origin in enumerate(["vassieux", "chapelle", "vassieux", "market"]):
        service_booking.book(
            None,
            trip(origin=service_booking.Endpoint.of_stop(stops[origin]),
                 destination=service_booking.Endpoint.of_stop(
                     stops["chapelle" if origin == "market" else "market"]),
                 requested_time=WEDNESDAY + timedelta(minutes=20 * i)),
            now=NOW,
        )  # fmt: skip
    driver.home, driver.max_distance_km = places["chapelle"], 5
    driver.save()
    proposal = planning.optimise(service, WEDNESDAY.date(), time_limit=1)
    for route in proposal.routes:
        run = Run.objects.get(pk=route["run"])
        if run.driver == driver:
            ids = {b for b, _p, _t in route["stops"]}
            assert not Booking.objects.filter(pk__in=ids, origin_stop=stops["vassieux"]).exists()


# --- A vehicle in one place at a time ----------------------------------------------------------


@pytest.fixture
def other_service(organisation, commune, places) -> Service:
    other = Service.objects.create(
        organisation=organisation, name="Navette marché", slug="navette", start_time=time(8),
        end_time=time(12),
    )  # fmt: skip
    other.communes.set([commune])
    return other


def test_a_vehicle_used_by_another_service_at_that_time_gets_no_second_run(
    service, driver, second_driver, other_service, car, minibus
):
    day = ServiceDay.objects.create(service=other_service, date=WEDNESDAY.date())
    planning.ensure_runs(other_service, day)
    taken = {r.vehicle_id for r in Run.objects.filter(day=day)}
    assert taken
    mine = ServiceDay.objects.create(service=service, date=WEDNESDAY.date())
    planning.ensure_runs(service, mine)
    assert not taken & {r.vehicle_id for r in Run.objects.filter(day=mine)}


def test_a_run_overlapping_another_of_the_same_vehicle_is_refused_with_a_clear_message(
    trip, driver, other_service, car
):
    booking = service_booking.book(None, trip(), now=NOW)
    day = ServiceDay.objects.create(service=other_service, date=WEDNESDAY.date())
    clash = Run(day=day, vehicle=car, shift_start=booking.run.shift_start,
                shift_end=booking.run.shift_start + timedelta(hours=2))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        clash.full_clean()
    message = caught.value.message_dict["vehicle"][0]
    assert "Zoé est déjà utilisé par Transport solidaire La Paz" in message


def test_the_same_vehicle_may_serve_two_services_one_after_the_other(service, other_service, car):
    day = ServiceDay.objects.create(service=other_service, date=WEDNESDAY.date())
    morning = Run(day=day, vehicle=car, shift_start=WEDNESDAY - timedelta(hours=2),
                  shift_end=WEDNESDAY)  # fmt: skip
    morning.full_clean()
    morning.save()
    mine = ServiceDay.objects.create(service=service, date=WEDNESDAY.date())
    afternoon = Run(day=mine, vehicle=car, shift_start=WEDNESDAY,
                    shift_end=WEDNESDAY + timedelta(hours=3))  # fmt: skip
    afternoon.full_clean()  # no error: the shifts only touch
    afternoon.shift_start = WEDNESDAY - timedelta(minutes=30)
    with pytest.raises(ValidationError):
        afternoon.full_clean()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL exclusion constraint")
def test_postgresql_refuses_two_overlapping_runs_of_a_vehicle(service, other_service, car):
    a = ServiceDay.objects.create(service=service, date=WEDNESDAY.date())
    b = ServiceDay.objects.create(service=other_service, date=WEDNESDAY.date())
    Run.objects.create(day=a, vehicle=car, shift_start=WEDNESDAY,
                       shift_end=WEDNESDAY + timedelta(hours=4))  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Run.objects.create(day=b, vehicle=car, shift_start=WEDNESDAY + timedelta(hours=1),
                           shift_end=WEDNESDAY + timedelta(hours=2))  # fmt: skip


# --- Recurring trips booked by phone -------------------------------------------------------------


def test_an_operator_books_a_recurring_trip_for_a_beneficiary(
    client, operator_user, service, stops, driver, beneficiary, django_capture_on_commit_callbacks
):
    client.force_login(operator_user)
    url = "/transport/tad-la-paz/operate/phone/recurring/"
    assert client.get(f"{url}?beneficiary={beneficiary.pk}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {
            "beneficiary": beneficiary.pk, "weekdays": ["2"], "origin_stop": stops["vassieux"].pk,
            "destination_stop": stops["market"].pk, "time_kind": "leave_at", "time": "09:30",
            "passengers": 1, "start_date": "2026-03-02",
        })  # fmt: skip
    assert response.status_code == 302
    recurring = RecurringBooking.objects.get()
    assert recurring.beneficiary == beneficiary
    assert recurring.created_by == operator_user
    tuesdays = Booking.objects.filter(recurring=recurring, status=Booking.Status.CONFIRMED)
    assert tuesdays.count() >= 4  # every Tuesday within the 30-day horizon
    assert all(b.date.isoweekday() == 2 for b in tuesdays)


def test_recurring_by_phone_is_for_operators_only(client, member_user, outsider, service,
                                                  beneficiary):  # fmt: skip
    url = f"/transport/tad-la-paz/operate/phone/recurring/?beneficiary={beneficiary.pk}"
    client.force_login(member_user)
    assert client.get(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_recurring_by_phone_needs_a_beneficiary_of_the_organisation(client, operator_user, service):
    from smartvillage.accounts.models import Organisation
    from smartvillage.ondemand.models import Beneficiary

    other = Organisation.objects.create(name="Other", slug="other")
    stranger = Beneficiary.objects.create(organisation=other, first_name="X", last_name="Y")
    client.force_login(operator_user)
    url = "/transport/tad-la-paz/operate/phone/recurring/"
    assert client.get(f"{url}?beneficiary={stranger.pk}").status_code == 404
    assert client.get(url).status_code == 302  # no person chosen: back to the phone screen


def test_a_bad_recurring_form_changes_nothing(client, operator_user, service, stops, beneficiary):
    client.force_login(operator_user)
    page = client.post("/transport/tad-la-paz/operate/phone/recurring/", {
        "beneficiary": beneficiary.pk, "weekdays": ["6"], "origin_stop": stops["vassieux"].pk,
        "destination_stop": stops["vassieux"].pk, "time_kind": "leave_at", "time": "22:00",
        "passengers": 1, "start_date": "2026-03-02",
    })  # fmt: skip
    errors = page.context["form"].errors
    assert {"weekdays", "destination_stop", "time"} <= set(errors)
    assert not RecurringBooking.objects.exists()


_ = _place  # the conftest helper, for tests adding places
