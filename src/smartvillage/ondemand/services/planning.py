"""Planning workflows: runs of a day, re-optimisation and its validation, moving a trip by
hand, drivers accepting or declining runs and marking stops.

The optimiser works without locks on a snapshot of the day and produces a ``PlanProposal``;
nothing changes until the proposal is validated. Validation locks the service day, refuses a
proposal computed before the plan last changed (``ServiceDay.version``), re-checks the plan
with the engine's independent checker on fresh rows, then writes. A failed, timed-out or
worse optimisation therefore never touches confirmed bookings: the previous plan stays.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.core import audit
from smartvillage.core import booking as core
from smartvillage.core.errors import field_error
from smartvillage.ondemand import dispatch, locks, notices
from smartvillage.ondemand.models import (
    Booking,
    Driver,
    PlanProposal,
    Run,
    RunStop,
    Service,
    ServiceDay,
    Vehicle,
    vehicle_busy_message,
)
from smartvillage.ondemand.services.booking import bump, record_incident
from smartvillage.optim import darp

logger = logging.getLogger(__name__)

ERRORS: dict[str, Any] = {
    "optimisation_failed": _(
        "The optimisation failed (%(reason)s): the current plan is kept unchanged."
    ),
    "would_drop": _(
        "The optimised plan leaves out %(count)s confirmed trip(s): it was discarded and the "
        "current plan is kept."
    ),
    "infeasible": _("The optimised plan breaks a rule (%(reason)s): the current plan is kept."),
    "stale": _("Bookings changed since this plan was computed: optimise again to include them."),
    "not_pending": _("This proposal has already been applied or discarded."),
    "does_not_fit": _("The trip does not fit in this run (%(reason)s)."),
    "same_run": _("The trip is already in this run."),
    "not_live": _("Only confirmed trips can be moved."),
    "run_declined": _("This run has been declined: assign a driver first."),
    "already_answered": _("This run has already been answered."),
    "beyond_reach": _(
        "%(driver)s cannot take this run: %(place)s is %(km)s km from their home, beyond their "
        "maximum of %(limit)s km."
    ),
    "vehicle_busy": "%(message)s",
    "driver_busy": _("%(driver)s already drives another run at that time that day."),
}


def error(field: str, code: str, **params: Any) -> ValidationError:
    return field_error(ERRORS, field, code, **params)


# --- Runs of a day -------------------------------------------------------------------------------


def draft_runs(service: Service, day: ServiceDay, taken: set[int] | None = None) -> list[Run]:
    """Unsaved runs pairing the organisation's free vehicles with available drivers.

    A volunteer is asked first, a salaried driver when no volunteer is free (La Paz's rule),
    nearest home first; a driver never takes a vehicle whose base is beyond their maximum
    distance from home. Bigger vehicles get a driver first.
    """
    taken = taken or set()
    vehicles = Vehicle.objects.filter(
        organisation_id=service.organisation_id, is_active=True
    ).select_related("home_base")
    # This service's day has one run per vehicle; runs of other services that day keep their
    # vehicle for their shift (a vehicle may do a morning here and an afternoon there).
    same_day = set(Run.objects.filter(day__service=service, day__date=day.date).values_list(
        "vehicle_id", flat=True))  # fmt: skip
    elsewhere = list(
        Run.objects.filter(day__date=day.date)
        .exclude(day__service=service)
        .exclude(status=Run.Status.DECLINED)
        .values_list("vehicle_id", "shift_start", "shift_end")
    )
    busy_drivers = set(
        Run.objects.filter(day__date=day.date, driver__isnull=False)
        .exclude(status=Run.Status.DECLINED)
        .values_list("driver_id", flat=True)
    )
    drivers = [
        (d, hours)
        for d in Driver.objects.filter(organisation_id=service.organisation_id, is_active=True)
        .exclude(pk__in=busy_drivers | taken)
        .select_related("home", "user")
        if (hours := d.hours_on(day.date)) is not None
    ]
    open_start = dispatch.local_instant(day.date, service.start_time) - dispatch.SHIFT_MARGIN
    open_end = dispatch.local_instant(day.date, service.end_time) + dispatch.SHIFT_MARGIN
    runs = []
    for vehicle in sorted(vehicles, key=lambda v: (-v.wheelchair_places, -v.seats, v.pk)):
        if vehicle.pk in same_day:
            continue
        base = (vehicle.home_base.latitude, vehicle.home_base.longitude)
        base_point = [(vehicle.home_base.name, *base)]

        def distance_km(driver: Driver, base: tuple[float, float] = base) -> float:
            if driver.home is None:
                return 0.0
            return dispatch.haversine_m((driver.home.latitude, driver.home.longitude), base) / 1000

        # The base here; every stop is checked when trips are inserted (dispatch.insert).
        fitting = [(d, h) for d, h in drivers if dispatch.beyond_reach(d, base_point) is None]
        if not fitting:
            continue
        driver, hours = min(
            fitting, key=lambda dh: (dh[0].kind != Driver.Kind.VOLUNTEER, distance_km(dh[0]))
        )
        start = max(open_start, dispatch.local_instant(day.date, hours[0]))
        end = min(open_end, dispatch.local_instant(day.date, hours[1]))
        if end <= start:
            continue
        if any(v == vehicle.pk and s < end and e > start for v, s, e in elsewhere):
            continue  # used by another service at that time
        drivers = [(d, h) for d, h in drivers if d.pk != driver.pk]
        runs.append(Run(day=day, vehicle=vehicle, driver=driver, shift_start=start, shift_end=end))
    return runs


def ensure_runs(service: Service, day: ServiceDay) -> list[Run]:
    """Create the day's runs for free vehicles and drivers (under the day lock)."""
    made = []
    for run in draft_runs(service, day):
        try:
            # Another service planning the same day at this moment (it locks another day row)
            # may have just taken the vehicle: PostgreSQL's exclusion constraint says so.
            with transaction.atomic():
                run.save()
        except IntegrityError:
            logger.info("vehicle %s taken meanwhile on %s", run.vehicle_id, day.date)
            continue
        made.append(run)
        notices.driver(run, "proposed")
    return made


# --- Re-optimisation -----------------------------------------------------------------------------


def _served(plan: darp.Plan) -> set[int]:
    return {s.request for route in plan.routes for s in route.stops}


def optimise(
    service: Service,
    on: date,
    *,
    actor: Any = None,
    time_limit: float = 10.0,
    seed: int = 0,
) -> PlanProposal:
    """Re-optimise a day: a proposal to validate, or a ValidationError (the plan unchanged).

    Refused: an engine error or timeout, an infeasible result, a result that leaves out a trip
    the current plan serves.
    """
    day = locks.ensure_day(service, on)
    version = ServiceDay.objects.get(pk=day.pk).version
    model = dispatch.build(service, day)
    if not model.runs:
        raise error(NON_FIELD_ERRORS, "optimisation_failed", reason="no runs")
    try:
        result = darp.solve(model.problem, time_limit=time_limit, seed=seed)
    except Exception as exc:  # noqa: BLE001 - any engine failure keeps the current plan
        logger.exception("optimisation of %s failed", day)
        raise error(NON_FIELD_ERRORS, "optimisation_failed", reason=type(exc).__name__) from exc
    plan = _keep_drivers_in_reach(model, result.plan)
    report = darp.check(model.problem, plan)
    if not report.feasible:
        raise error(NON_FIELD_ERRORS, "infeasible", reason=report.violations[0].message)
    dropped = _served(model.plan) - _served(plan)
    if dropped:
        raise error(NON_FIELD_ERRORS, "would_drop", count=len(dropped))
    proposal = PlanProposal.objects.create(
        day=day,
        based_on_version=version,
        routes=_routes_json(model, plan),
        distance_before_m=model.distance(),
        distance_after_m=model.distance(plan),
        placed_before=len(_served(model.plan)),
        placed_after=len(_served(plan)),
        seconds=result.seconds,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(actor, "ondemand.plan.optimised", proposal, day=str(on), service=service.pk)
    return proposal


def _keep_drivers_in_reach(model: dispatch.DayModel, plan: darp.Plan) -> darp.Plan:
    """The engine knows no driver's maximum distance: trips it gave to a driver who may not
    go there are taken out and inserted again among the runs whose driver may (or left out,
    which refuses the proposal if the current plan served them)."""
    bad = dispatch.reach_violations(model, plan)
    for request in sorted(bad):
        plan = darp.remove_request(model.problem, plan, request)
    for request in sorted(bad):
        result = dispatch.insert(model, request, plan)
        if isinstance(result, darp.Insertion):
            plan = result.plan
    return plan


def _routes_json(model: dispatch.DayModel, plan: darp.Plan) -> list[dict[str, Any]]:
    return [
        {
            "run": model.runs[k].pk,
            "departure": route.departure,
            "arrival": route.arrival,
            "stops": [[model.bookings[s.request].pk, s.pickup, s.time] for s in route.stops],
        }
        for k, route in enumerate(plan.routes)
    ]


def apply_proposal(proposal: PlanProposal, *, actor: Any = None) -> PlanProposal:
    """Validate a proposal: write it, unless the plan changed since or it is not feasible."""

    def attempt() -> PlanProposal | None:
        """The applied proposal, or None when it is stale (marked so after the rollback)."""
        day = locks.lock_day(proposal.day_id)
        current = PlanProposal.objects.get(pk=proposal.pk)
        if current.status != PlanProposal.Status.PENDING:
            raise error(NON_FIELD_ERRORS, "not_pending")
        if day.version != current.based_on_version:
            return None
        model = dispatch.build(day.service, day)
        plan = _plan_from_json(model, current.routes)
        if plan is None:
            return None
        report = darp.check(model.problem, plan)
        if not report.feasible:
            raise error(NON_FIELD_ERRORS, "infeasible", reason=report.violations[0].message)
        newly_placed = _served(plan) - _served(model.plan)
        before = notices.signatures(day)
        dispatch.write_routes(model, plan, set(range(len(model.runs))))
        for index in newly_placed:  # confirmed trips that had no run get their promise now
            booking = model.bookings[index]
            if booking.planned_pickup:
                booking.window_start, booking.window_end = dispatch.promise(
                    day.service, booking, booking.planned_pickup
                )
                booking.save(update_fields=["window_start", "window_end"])
                notices.passenger(booking, "changed")
        bump(day)
        notices.announce(day, before, exclude=[model.bookings[i].pk for i in newly_placed])
        ServiceDay.objects.filter(pk=day.pk).update(optimised_at=timezone.now())
        current.status = PlanProposal.Status.APPLIED
        current.save(update_fields=["status"])
        audit.record(actor, "ondemand.plan.applied", current, day=str(day.date))
        return current

    applied = core.run_locked(attempt)
    if applied is None:
        PlanProposal.objects.filter(pk=proposal.pk).update(status=PlanProposal.Status.STALE)
        raise error(NON_FIELD_ERRORS, "stale")
    return applied


def _plan_from_json(model: dispatch.DayModel, routes: list[dict[str, Any]]) -> darp.Plan | None:
    """The proposal's plan on a fresh model, or None if its runs or trips no longer match."""
    position = {run.pk: k for k, run in enumerate(model.runs)}
    if {r["run"] for r in routes} != set(position):
        return None
    built: dict[int, darp.Route] = {}
    for r in routes:
        k = position[r["run"]]
        try:
            stops = tuple(darp.Stop(model.index[b], bool(p), float(t)) for b, p, t in r["stops"])
        except KeyError:
            return None
        built[k] = darp.Route(k, stops, float(r["departure"]), float(r["arrival"]))
    served = {s.request for route in built.values() for s in route.stops}
    unserved = tuple(
        darp.Unserved(i, "not placed") for i in range(len(model.bookings)) if i not in served
    )
    return darp.Plan(tuple(built[k] for k in range(len(model.runs))), unserved)


def discard_proposal(proposal: PlanProposal) -> None:
    PlanProposal.objects.filter(pk=proposal.pk, status=PlanProposal.Status.PENDING).update(
        status=PlanProposal.Status.DISCARDED
    )


def plan_day(
    service: Service, on: date, *, time_limit: float = 10.0, apply: bool = True
) -> tuple[PlanProposal | None, str]:
    """The cron's step for one day: runs, then optimise and (if better) apply."""
    day = locks.ensure_day(service, on)

    def make_runs() -> list[Run]:
        locks.lock_day(day.pk)
        return ensure_runs(service, day)

    core.run_locked(make_runs)
    if not Booking.objects.live().filter(service=service, date=on).exists():
        return None, "no bookings"
    try:
        proposal = optimise(service, on, time_limit=time_limit)
    except ValidationError as exc:
        return None, "; ".join(exc.messages)
    improves = proposal.placed_after > proposal.placed_before or proposal.saving_m > 1.0
    if apply and improves:
        try:
            apply_proposal(proposal)
        except ValidationError as exc:
            return proposal, "; ".join(exc.messages)
        return proposal, "applied"
    if not improves:
        discard_proposal(proposal)
        return proposal, "no improvement"
    return proposal, "proposed"


# --- Moving a trip by hand -----------------------------------------------------------------------


def move(booking: Booking, target: Run, *, actor: Any = None) -> Booking:
    """Move a confirmed trip to another run of its day, if it fits there (feasibility check)."""
    day = locks.ensure_day(booking.service, booking.date)

    def attempt() -> Booking:
        locks.lock_day(day.pk)
        current = Booking.objects.select_related("service").get(pk=booking.pk)
        run = Run.objects.select_related("vehicle__home_base").get(pk=target.pk, day=day)
        if current.status != Booking.Status.CONFIRMED:
            raise error(NON_FIELD_ERRORS, "not_live")
        if run.status == Run.Status.DECLINED:
            raise error("run", "run_declined")
        if current.run_id == run.pk:
            raise error("run", "same_run")
        check_reach(run.driver, dispatch.booking_points(current), field="run")
        before = notices.signatures(day)
        others = list(Booking.objects.live().filter(run=run).exclude(pk=current.pk).order_by("pk"))
        sub = dispatch.build(current.service, day, runs=[run], bookings=[*others, current])
        result = darp.insert_request(sub.problem, sub.plan, sub.request_of(current))
        if isinstance(result, darp.Rejection):
            raise error("run", "does_not_fit", reason=result.reason)
        full = dispatch.build(current.service, day)
        index = full.request_of(current)
        old = full.plan.route_of(index)
        if old is not None:
            plan = darp.remove_request(full.problem, full.plan, index)
            dispatch.write_routes(full, plan, {old})
        sub_booking = sub.bookings[sub.request_of(current)]
        dispatch.write_routes(sub, result.plan, {0})
        sub_booking.refresh_from_db()
        pickup, start, end = (
            sub_booking.planned_pickup,
            sub_booking.window_start,
            sub_booking.window_end,
        )
        if pickup and not (start and end and start <= pickup <= end):
            sub_booking.window_start, sub_booking.window_end = dispatch.promise(
                current.service, sub_booking, pickup
            )
            sub_booking.save(update_fields=["window_start", "window_end"])
        bump(day)
        sub_booking.service = current.service
        notices.passenger(sub_booking, "changed")  # moved by hand: always told
        notices.announce(day, before, exclude=[sub_booking.pk])
        audit.record(actor, "ondemand.booking.moved", sub_booking, run=run.pk, previous_run=old)
        return sub_booking

    return core.run_locked(attempt)


# --- Drivers -------------------------------------------------------------------------------------


def accept_run(run: Run, *, actor: Any = None) -> Run:
    updated = Run.objects.filter(pk=run.pk, status=Run.Status.PROPOSED).update(
        status=Run.Status.ACCEPTED
    )
    if not updated:
        raise error(NON_FIELD_ERRORS, "already_answered")
    run.refresh_from_db()
    audit.record(actor, "ondemand.run.accepted", run)
    return run


def decline_run(run: Run, *, actor: Any = None) -> list[Booking]:
    """The driver cannot make it: the run's trips go to other runs where they fit.

    Returns the trips left without a run (the operator finds another driver for them).
    """

    def attempt() -> list[Booking]:
        day = locks.lock_day(run.day_id)
        current = Run.objects.get(pk=run.pk)
        if current.status not in (Run.Status.PROPOSED, Run.Status.ACCEPTED):
            raise error(NON_FIELD_ERRORS, "already_answered")
        before = notices.signatures(day)
        trips = list(Booking.objects.live().filter(run=current).order_by("window_start"))
        RunStop.objects.filter(run=current).delete()
        Booking.objects.filter(pk__in=[b.pk for b in trips]).update(
            run=None, planned_pickup=None, planned_dropoff=None
        )
        current.status = Run.Status.DECLINED
        current.departure = current.arrival = None
        current.distance_m = 0
        current.save(update_fields=["status", "departure", "arrival", "distance_m"])
        left: list[Booking] = []
        for trip in trips:
            model = dispatch.build(day.service, day)
            if not model.runs:
                left.append(trip)
                continue
            result = dispatch.insert(model, model.request_of(trip))
            if isinstance(result, darp.Insertion):
                dispatch.write_routes(model, result.plan, {result.vehicle})
                placed = model.bookings[model.request_of(trip)]
                placed.beneficiary = trip.beneficiary
                notices.passenger(placed, "changed")  # another vehicle comes: always told
            else:
                left.append(trip)
        bump(day)
        notices.announce(day, before, exclude=[t.pk for t in trips])
        audit.record(actor, "ondemand.run.declined", current, unplaced=len(left))
        return left

    return core.run_locked(attempt)


def check_reach(driver: Driver | None, points: list[dispatch.Point], field: str) -> None:
    """A clear error when a stop is beyond the driver's maximum distance from home."""
    far = dispatch.beyond_reach(driver, points)
    if far is not None:
        assert driver is not None
        raise error(
            field, "beyond_reach", driver=str(driver), place=far[0], km=f"{far[1]:.0f}",
            limit=driver.max_distance_km,
        )  # fmt: skip


def assign_driver(run: Run, driver: Driver, *, actor: Any = None) -> Run:
    """Give a (declined) run to another driver: it is proposed to them again.

    Refused with a clear reason when the driver lives too far from one of the run's stops (or
    its vehicle's base), drives another run at that time, or the vehicle is now used elsewhere.
    """

    def attempt() -> Run:
        locks.lock_day(run.day_id)
        current = Run.objects.select_related("vehicle__home_base", "day__service").get(pk=run.pk)
        trips = list(Booking.objects.live().filter(run=current))
        check_reach(driver, dispatch.run_points(current, trips), field="driver")
        other_runs = Run.objects.filter(
            driver=driver, shift_start__lt=current.shift_end, shift_end__gt=current.shift_start
        ).exclude(status=Run.Status.DECLINED)
        if other_runs.exclude(pk=current.pk).exists():
            raise error("driver", "driver_busy", driver=str(driver))
        current.driver, current.status = driver, Run.Status.PROPOSED
        conflict = current.vehicle_conflict()
        if conflict is not None:
            raise error("driver", "vehicle_busy", message=vehicle_busy_message(conflict))
        current.save(update_fields=["driver", "status"])
        notices.driver(current, "proposed")
        audit.record(actor, "ondemand.run.assigned", current, driver=driver.pk)
        return current

    assigned = core.run_locked(attempt)
    run.refresh_from_db()
    return assigned


def mark(booking: Booking, event: str, *, actor: Any = None, now: datetime | None = None) -> str:
    """The driver marks a trip: ``picked_up``, ``dropped_off`` or ``no_show``.

    Returns the policy outcome of a no-show ("", "warning" or "restricted").
    """
    now = now or timezone.now()
    outcome = ""
    if event == "picked_up":
        Booking.objects.filter(pk=booking.pk, status=Booking.Status.CONFIRMED).update(
            status=Booking.Status.PICKED_UP, picked_up_at=now
        )
    elif event == "dropped_off":
        Booking.objects.live().filter(pk=booking.pk).update(
            status=Booking.Status.COMPLETED, dropped_off_at=now
        )
    elif event == "no_show":
        updated = Booking.objects.filter(pk=booking.pk, status=Booking.Status.CONFIRMED).update(
            status=Booking.Status.NO_SHOW
        )
        if updated:
            booking.refresh_from_db()
            outcome = record_incident(booking, "no_show", now=now)
    else:
        raise ValueError(event)
    booking.refresh_from_db()
    audit.record(actor, f"ondemand.booking.{event}", booking)
    if booking.run_id and not Booking.objects.live().filter(run_id=booking.run_id).exists():
        Run.objects.filter(pk=booking.run_id, day__date__lte=timezone.localdate(now)).update(
            status=Run.Status.DONE
        )
    return outcome


def upcoming_days(service: Service, days: int, today: date | None = None) -> list[date]:
    today = today or timezone.localdate()
    return [d for i in range(1, days + 1) if service.runs_on(d := today + timedelta(days=i))]
