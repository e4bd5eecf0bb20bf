from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from smartvillage.ondemand.models import Booking, PlanProposal, Run, RunStop, ServiceDay
from smartvillage.ondemand.services import booking as service_booking
from smartvillage.ondemand.services import planning
from smartvillage.optim import darp

from .conftest import NOW, WEDNESDAY


@pytest.fixture
def busy_day(trip, driver, second_driver, operator_user, stops):
    """Six trips on Wednesday between Vassieux, La Chapelle and the market."""
    bookings = []
    for i, (origin, destination) in enumerate(
        [("vassieux", "market"), ("chapelle", "vassieux"), ("market", "chapelle")] * 2
    ):
        bookings.append(
            service_booking.book(
                operator_user,
                trip(
                    origin=service_booking.Endpoint.of_stop(stops[origin]),
                    destination=service_booking.Endpoint.of_stop(stops[destination]),
                    requested_time=WEDNESDAY + timedelta(minutes=25 * i),
                ),
                now=NOW,
            )
        )
    return bookings


def _snapshot():
    return sorted(
        RunStop.objects.values_list("run_id", "booking_id", "kind", "sequence", "planned_time")
    )


def test_optimise_proposes_without_changing_the_plan(busy_day, service, operator_user):
    before = _snapshot()
    proposal = planning.optimise(service, WEDNESDAY.date(), actor=operator_user, time_limit=2)
    assert proposal.status == PlanProposal.Status.PENDING
    assert proposal.distance_after_m <= proposal.distance_before_m + 1e-6
    assert proposal.placed_after == len(busy_day)
    assert _snapshot() == before


def test_applying_a_proposal_keeps_every_promise(busy_day, service, operator_user):
    proposal = planning.optimise(service, WEDNESDAY.date(), time_limit=2)
    planning.apply_proposal(proposal, actor=operator_user)
    proposal.refresh_from_db()
    assert proposal.status == PlanProposal.Status.APPLIED
    for booking in busy_day:
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CONFIRMED
        assert booking.run_id is not None
        assert booking.window_start <= booking.planned_pickup <= booking.window_end
    total = sum(Run.objects.values_list("distance_m", flat=True))
    assert total == pytest.approx(proposal.distance_after_m, rel=1e-6)


def test_a_failed_optimisation_keeps_the_plan(busy_day, service, monkeypatch):
    before = _snapshot()

    def boom(*args, **kwargs):
        raise TimeoutError("solver took too long")

    monkeypatch.setattr(darp, "solve", boom)
    with pytest.raises(ValidationError) as exc:
        planning.optimise(service, WEDNESDAY.date(), time_limit=1)
    assert "optimisation_failed" in {e.code for e in exc.value.error_dict["__all__"]}
    assert _snapshot() == before
    assert not PlanProposal.objects.exists()


def test_an_optimisation_dropping_a_trip_is_refused(busy_day, service, monkeypatch):
    before = _snapshot()
    real = darp.solve

    def lossy(problem, **kwargs):
        result = real(problem, **kwargs)
        routes = tuple(darp.Route(k) for k in range(problem.num_vehicles))
        unserved = tuple(darp.Unserved(i, "dropped") for i in range(problem.num_requests))
        return darp.Result(darp.Plan(routes, unserved), 0.0, result.iterations, result.seconds)

    monkeypatch.setattr(darp, "solve", lossy)
    with pytest.raises(ValidationError) as exc:
        planning.optimise(service, WEDNESDAY.date(), time_limit=1)
    assert "would_drop" in {e.code for e in exc.value.error_dict["__all__"]}
    assert _snapshot() == before


def test_a_proposal_older_than_a_booking_is_stale(busy_day, service, trip, operator_user):
    proposal = planning.optimise(service, WEDNESDAY.date(), time_limit=1)
    service_booking.book(
        operator_user, trip(requested_time=WEDNESDAY + timedelta(hours=4)), now=NOW
    )
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        planning.apply_proposal(proposal)
    assert "stale" in {e.code for e in exc.value.error_dict["__all__"]}
    assert _snapshot() == before
    proposal.refresh_from_db()
    assert proposal.status == PlanProposal.Status.STALE


def test_move_to_another_run(busy_day, service, operator_user):
    booking = busy_day[0]
    target = Run.objects.exclude(pk=booking.run_id).get()
    moved = planning.move(booking, target, actor=operator_user)
    assert moved.run_id == target.pk
    assert RunStop.objects.filter(booking=booking, run=target).count() == 2
    assert RunStop.objects.filter(booking=booking).count() == 2
    assert moved.window_start <= moved.planned_pickup <= moved.window_end


def test_move_refuses_a_run_without_room(trip, driver, second_driver, operator_user, stops):
    big = service_booking.book(operator_user, trip(passengers=6), now=NOW)  # minibus
    small = service_booking.book(operator_user, trip(passengers=3), now=NOW)  # the car
    assert big.run_id != small.run_id
    with pytest.raises(ValidationError) as exc:
        planning.move(small, big.run, actor=operator_user)
    assert "does_not_fit" in {e.code for e in exc.value.error_dict["run"]}
    small.refresh_from_db()
    assert small.run_id != big.run_id


def test_declined_run_moves_its_trips(busy_day, service, driver):
    run = Run.objects.get(driver=driver)
    left = planning.decline_run(run)
    run.refresh_from_db()
    assert run.status == Run.Status.DECLINED
    assert not RunStop.objects.filter(run=run).exists()
    placed = Booking.objects.filter(run__isnull=False, status=Booking.Status.CONFIRMED).count()
    assert placed + len(left) == len(busy_day)


def test_mark_no_show_records_an_incident(busy_day, beneficiary):
    outcome = planning.mark(busy_day[0], "no_show", now=WEDNESDAY)
    assert outcome == "warning"
    assert beneficiary.incidents.count() == 1
    planning.mark(busy_day[1], "picked_up", now=WEDNESDAY)
    planning.mark(busy_day[1], "dropped_off", now=WEDNESDAY)
    busy_day[1].refresh_from_db()
    assert busy_day[1].status == Booking.Status.COMPLETED


def test_plan_days_command_optimises_the_next_days(busy_day, service):
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        call_command("plan_days", "--days", "2", "--time-limit", "1")
    day = ServiceDay.objects.get(service=service, date=WEDNESDAY.date())
    assert Booking.objects.live().filter(run__isnull=False).count() == len(busy_day)
    assert day.version >= len(busy_day)
