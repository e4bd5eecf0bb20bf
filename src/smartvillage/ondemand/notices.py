"""Messages to passengers and drivers: confirmations and every change of their trip or run.

- A passenger is told when a trip is booked, cancelled (by them or by the operator), and when
  a re-plan — a validated re-optimisation, a trip moved by hand, a declined run whose trips go
  to other runs, another booking inserted — moves their pick-up further than the service's
  ``notify_shift_minutes`` from the time **last told to them** (``Booking.notified_pickup``):
  small drifts never pile up into a silent big move, and nobody gets a message per booking.
- A driver is told when a run is proposed to them (new run, or a declined run given to them)
  and when the stops of a run they accepted change.

Every message is rendered in the person's language (their account's, or the one the operator
recorded for people registered by phone) and sent **after the commit** (a rolled-back write
sends nothing; a failed send never undoes the write), by email and, for those who accept it,
by SMS through ``smartvillage.core.notifications.notify``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext

from smartvillage.core.notifications import notify
from smartvillage.ondemand.models import Beneficiary, Booking, Driver, Run, RunStop, ServiceDay

Signature = tuple[tuple[int, str], ...]


def language_of(beneficiary: Beneficiary) -> str:
    user = beneficiary.user
    if user is not None and user.language:
        return str(user.language)
    return beneficiary.language or settings.LANGUAGE_CODE


def _email_of(beneficiary: Beneficiary) -> str:
    if beneficiary.email:
        return beneficiary.email
    user = beneficiary.user
    return user.email if user is not None and user.is_active else ""


def _hm(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%H:%M") if moment else "?"


def _send_later(*, email: str, phone: str, subject: str, text: str) -> None:
    if email or phone:
        transaction.on_commit(lambda: notify(email=email, phone=phone, subject=subject, text=text))


def to_beneficiary(beneficiary: Beneficiary, *, subject: str, text: str) -> None:
    """Email and (if accepted) SMS to a passenger, after the commit; ``text`` already translated."""
    _send_later(
        email=_email_of(beneficiary),
        phone=beneficiary.phone if beneficiary.sms_ok else "",
        subject=subject,
        text=text,
    )


# --- Passengers ----------------------------------------------------------------------------------


def change_text(booking: Booking) -> str:
    """The SMS-sized message of a re-planned trip (in the active language)."""
    text = gettext(
        "%(service)s: your trip of %(date)s has changed. Pick-up now about %(time)s "
        "(between %(start)s and %(end)s) at %(origin)s, to %(destination)s. "
        "Booking no. %(number)s."
    ) % {
        "service": booking.service.name,
        "date": formats.date_format(booking.date, "l j F"),
        "time": _hm(booking.planned_pickup),
        "start": _hm(booking.window_start),
        "end": _hm(booking.window_end),
        "origin": booking.origin_label,
        "destination": booking.destination_label,
        "number": booking.pk,
    }
    if booking.service.phone:
        text += " " + gettext("Questions: %(phone)s.") % {"phone": booking.service.phone}
    return text


def passenger(booking: Booking, event: str) -> None:
    """Tell the passenger: ``confirmed``, ``cancelled`` or ``changed`` (after the commit).

    Records the pick-up time told (``notified_pickup``) in the current transaction.
    """
    from smartvillage.ondemand.services.booking import confirmation_text

    beneficiary = booking.beneficiary
    with translation.override(language_of(beneficiary)):
        if event == "changed":
            text = change_text(booking)
            subject = gettext("Your trip has changed")
        else:
            text = confirmation_text(booking)
            subject = (
                gettext("Your trip is booked")
                if event == "confirmed"
                else gettext("Your trip is cancelled")
            )
    if event in ("confirmed", "changed") and booking.planned_pickup:
        Booking.objects.filter(pk=booking.pk).update(notified_pickup=booking.planned_pickup)
        booking.notified_pickup = booking.planned_pickup
    to_beneficiary(beneficiary, subject=subject, text=text)


def moved_passengers(day: ServiceDay, *, exclude: Iterable[int] = ()) -> list[Booking]:
    """Live trips of the day whose planned pick-up moved too far from the time last told."""
    threshold = timedelta(minutes=day.service.notify_shift_minutes)
    rows = (
        Booking.objects.live()
        .filter(service_id=day.service_id, date=day.date)
        .exclude(pk__in=list(exclude))
        .exclude(planned_pickup__isnull=True)
        .select_related("service", "beneficiary__user")
    )
    moved = []
    for booking in rows:
        told = booking.notified_pickup
        assert booking.planned_pickup is not None
        if told is None or abs(booking.planned_pickup - told) > threshold:
            moved.append(booking)
    return moved


# --- Drivers -------------------------------------------------------------------------------------


def signatures(day: ServiceDay) -> dict[int, Signature]:
    """Each run's stops (booking, kind) in order: what a driver would notice changing."""
    out: dict[int, list[tuple[int, str]]] = {}
    rows = RunStop.objects.filter(run__day=day).order_by("run_id", "sequence")
    for run_id, booking_id, kind in rows.values_list("run_id", "booking_id", "kind"):
        out.setdefault(run_id, []).append((booking_id, kind))
    runs = Run.objects.filter(day=day).values_list("pk", flat=True)
    return {pk: tuple(out.get(pk, ())) for pk in runs}


def _driver_contact(driver: Driver) -> tuple[str, str, str]:
    user = driver.user
    return user.email if user.is_active else "", getattr(user, "phone", "") or "", user.language


def driver(run: Run, event: str) -> None:
    """Tell the run's driver: ``proposed`` (answer needed) or ``changed`` (after the commit)."""
    if run.driver is None:
        return
    email, phone, language = _driver_contact(run.driver)
    url = settings.SITE_ROOT.rstrip("/") + reverse("ondemand:driver_run", args=[run.pk])
    count = Booking.objects.live().filter(run=run).count()
    with translation.override(language or settings.LANGUAGE_CODE):
        values = {
            "service": run.day.service.name,
            "date": formats.date_format(run.day.date, "l j F"),
            "vehicle": run.vehicle.name,
            "start": _hm(run.departure or run.shift_start),
            "end": _hm(run.arrival or run.shift_end),
            "count": count,
            "url": url,
        }
        if event == "proposed":
            subject = gettext("A run is proposed to you")
            text = (
                gettext(
                    "%(service)s: a run with %(vehicle)s is proposed to you on %(date)s "
                    "(%(start)s–%(end)s). Please accept or decline: %(url)s"
                )
                % values
            )
        else:
            subject = gettext("Your run has changed")
            text = (
                ngettext(
                    "%(service)s: your run of %(date)s with %(vehicle)s has changed: %(count)s "
                    "trip, %(start)s–%(end)s. Details: %(url)s",
                    "%(service)s: your run of %(date)s with %(vehicle)s has changed: %(count)s "
                    "trips, %(start)s–%(end)s. Details: %(url)s",
                    count,
                )
                % values
            )
    # A changed run far ahead is worth an email; an SMS only close to the day (no SMS storm
    # while bookings come in over the weeks before).
    soon = run.day.date <= timezone.localdate() + timedelta(days=1)
    _send_later(
        email=email,
        phone=phone if event == "proposed" or soon else "",
        subject=subject,
        text=text,
    )


def announce(day: ServiceDay, before: dict[int, Signature], *, exclude: Iterable[int] = ()) -> None:
    """After a plan write (under the day lock): tell moved passengers and changed drivers.

    ``before`` is ``signatures(day)`` taken before the write; ``exclude`` lists trips the
    caller tells itself (the new booking's confirmation).
    """
    for booking in moved_passengers(day, exclude=exclude):
        passenger(booking, "changed")
    after = signatures(day)
    changed = [pk for pk, stops in after.items() if pk in before and before[pk] != stops]
    if not changed:
        return
    runs = Run.objects.filter(pk__in=changed, status=Run.Status.ACCEPTED).select_related(
        "day__service", "vehicle", "driver__user"
    )
    for run in runs:
        driver(run, "changed")
