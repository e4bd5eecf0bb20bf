"""Third places' part of the personal-data export and erasure (accounts.gdpr registry)."""

from __future__ import annotations

from datetime import date

import time_machine

from smartvillage.accounts import gdpr
from smartvillage.core.models import CalendarFeed
from smartvillage.thirdplaces.models import Booking, Event, Registration, Workplace
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.services import events, passes

from .conftest import NOW, paris


def _activity(user, desks, card, grenoble):
    Workplace.objects.create(user=user, label="Bureaux", commune=grenoble)
    passes.buy(user, card, date(2026, 3, 2), now=NOW)
    service.book_desk(user, desks, date(2026, 3, 3), "day", now=NOW)
    event = Event.objects.create(
        third_place=desks.third_place, title="Atelier", starts_at=paris(2026, 3, 10, 14),
        ends_at=paris(2026, 3, 10, 16),
    )  # fmt: skip
    events.register(user, event, now=NOW)
    CalendarFeed.for_user(user, "thirdplaces")


def test_the_export_has_bookings_passes_registrations_and_workplace(
    desks, card, coworker, grenoble
):
    _activity(coworker, desks, card, grenoble)
    data = gdpr.export_user_data(coworker)["data"]
    assert data["thirdplaces.bookings"][0]["space"] == "Open space"
    assert data["thirdplaces.passes"][0]["visits_used"] == 1
    assert data["thirdplaces.registrations"][0]["event"] == "Atelier"
    assert data["thirdplaces.workplace"] == {
        "label": "Bureaux",
        "commune": "38185",
        "home_commune": None,
    }


@time_machine.travel(NOW, tick=False)
def test_erasure_frees_future_places_and_deletes_the_workplace(desks, card, coworker, grenoble):
    _activity(coworker, desks, card, grenoble)
    gdpr.erase_account(coworker)
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.CANCELLED  # the desk is free for others
    assert Registration.objects.get().status == Registration.Status.CANCELLED
    assert not Workplace.objects.exists()
    assert not CalendarFeed.objects.exists()
    assert booking.price == 0  # kept for the accounts (paid by the card)
