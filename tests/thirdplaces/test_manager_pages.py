"""Manager pages: today's occupancy and who is in, the occupancy calendar, monthly statements."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartvillage.thirdplaces.models import Space
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.services import passes

from .conftest import NOW, paris


@pytest.fixture
def bookings(desks, room, coworker, make_user, card):
    with time_machine.travel(NOW, tick=False):
        passes.buy(coworker, card, date(2026, 3, 2), now=NOW)
        service.book_desk(coworker, desks, date(2026, 3, 2), "day", now=NOW)
        service.book_desk(make_user("dan@example.org", first_name="Dan"), desks,
                          date(2026, 3, 2), "morning", quantity=2, now=NOW)  # fmt: skip
        service.book_hours(coworker, room, paris(2026, 3, 3, 9), paris(2026, 3, 3, 11), now=NOW)


def _urls(colo):
    return [
        reverse("thirdplaces:manage", args=["la-jolie-colo"]),
        reverse("thirdplaces:occupancy", args=["la-jolie-colo", colo.slug]),
        reverse("thirdplaces:statement", args=["la-jolie-colo", colo.slug, "2026-03"]),
    ]


@time_machine.travel(paris(2026, 3, 2, 10), tick=False)
def test_the_manager_sees_who_is_in_today(client, manager, bookings):
    client.force_login(manager)
    response = client.get(reverse("thirdplaces:manage", args=["la-jolie-colo"]))
    assert response.status_code == 200
    place = response.context["places"][0]
    desks_row = next(r for r in place["spaces"] if r["space"].kind == "desks")
    assert desks_row["used"] == 3
    assert {b.user.first_name for b in desks_row["bookings"]} == {"Cora", "Dan"}
    assert "Cora Worker" in response.content.decode()


@time_machine.travel(paris(2026, 3, 2, 10), tick=False)
def test_the_occupancy_calendar_counts_half_days(client, manager, bookings):
    client.force_login(manager)
    response = client.get(reverse("thirdplaces:occupancy", args=["la-jolie-colo", "la-jolie-colo"]))
    day, closed, cells = response.context["rows"][0]
    assert day == date(2026, 3, 2)
    assert closed is None
    assert cells[0] == {"morning": (3, 3), "afternoon": (1, 3)}
    tuesday = response.context["rows"][1]
    assert tuesday[2][1] == {"morning": (1, 1), "afternoon": (0, 1)}  # the room, 9:00-11:00
    sunday = response.context["rows"][6]
    assert sunday[2] == [None, None]


@time_machine.travel(paris(2026, 3, 2, 10), tick=False)
def test_the_occupancy_calendar_reads_bookings_once_whatever_the_spaces(
    client, manager, bookings, colo
):
    client.force_login(manager)
    url = reverse("thirdplaces:occupancy", args=["la-jolie-colo", colo.slug])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(3):
        Space.objects.create(third_place=colo, name=f"Desk room {n}", kind=Space.Kind.DESKS)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(response.context["spaces"]) == 5
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_monthly_statement_totals_bookings_and_passes(client, manager, bookings):
    client.force_login(manager)
    url = reverse("thirdplaces:statement", args=["la-jolie-colo", "la-jolie-colo", "2026-03"])
    data = client.get(url).context["data"]
    # Cora's day is paid by her card; Dan's 2 half-days 16 €; the room 2 h × 20 €; card 110 €.
    assert data.bookings_total == Decimal("56.00")
    assert data.passes_total == Decimal("110.00")
    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode())))
    assert rows[0][0] == "type"
    assert rows[-1] == ["total", "", "", "", "", "", "", "166.00"]
    assert sum(1 for r in rows if r[0] == "booking") == 3


def test_a_bad_month_is_not_found(client, manager, colo):
    client.force_login(manager)
    url = reverse("thirdplaces:statement", args=["la-jolie-colo", colo.slug, "2026-13"])
    assert client.get(url).status_code == 404


def test_plain_members_get_403(client, plain_member, colo):
    client.force_login(plain_member)
    for url in _urls(colo):
        assert client.get(url).status_code == 403, url


def test_outsiders_get_404(client, outsider, colo):
    client.force_login(outsider)
    for url in _urls(colo):
        assert client.get(url).status_code == 404, url


def test_anonymous_people_are_sent_to_log_in(client, colo):
    for url in _urls(colo):
        assert client.get(url).status_code == 302, url


def test_manager_pages_refuse_post(client, manager, colo):
    client.force_login(manager)
    for url in _urls(colo):
        assert client.post(url).status_code == 405, url


# --- Closures and agenda -------------------------------------------------------------------------


def _place_url(colo):
    return reverse("thirdplaces:manage_place", args=["la-jolie-colo", colo.slug])


def test_a_manager_adds_a_closure_that_blocks_bookings(client, manager, desks, coworker, colo):
    from django.core.exceptions import ValidationError

    from smartvillage.thirdplaces.models import Closure

    client.force_login(manager)
    response = client.post(
        _place_url(colo),
        {"action": "closure", "first_day": "2026-03-03", "last_day": "2026-03-04", "reason": "AG"},
    )
    assert response.status_code == 302
    closure = Closure.objects.get()
    with pytest.raises(ValidationError):
        service.book_desk(coworker, desks, date(2026, 3, 4), "day", now=NOW)
    client.post(
        reverse("thirdplaces:delete_closure", args=["la-jolie-colo", colo.slug, closure.pk])
    )
    assert not Closure.objects.exists()


def test_a_closure_ending_before_it_starts_is_a_field_error(client, manager, colo):
    client.force_login(manager)
    response = client.post(
        _place_url(colo), {"action": "closure", "first_day": "2026-03-04", "last_day": "2026-03-03"}
    )
    assert response.status_code == 200
    assert "last_day" in response.context["closure_form"].errors


def test_a_manager_adds_and_cancels_an_event(client, manager, colo):
    from smartvillage.thirdplaces.models import Event

    client.force_login(manager)
    client.post(
        _place_url(colo),
        {
            "action": "event", "title": "Repair café", "kind": "workshop",
            "starts_at": "2099-03-10T14:00", "ends_at": "2099-03-10T17:00", "capacity": "12",
            "registration_required": "on", "price": "0",
        },
    )  # fmt: skip
    event = Event.objects.get()
    assert (event.third_place, event.capacity) == (colo, 12)
    assert client.get(_place_url(colo)).status_code == 200
    client.post(reverse("thirdplaces:cancel_event", args=["la-jolie-colo", colo.slug, event.pk]))
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED


def test_closures_and_agenda_are_for_managers_only(client, plain_member, outsider, colo):
    client.force_login(plain_member)
    assert client.post(_place_url(colo), {"action": "closure"}).status_code == 403
    client.force_login(outsider)
    assert client.get(_place_url(colo)).status_code == 404
    url = reverse("thirdplaces:delete_closure", args=["la-jolie-colo", colo.slug, 1])
    assert client.post(url).status_code == 404
