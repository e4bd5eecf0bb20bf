"""A manager cancels members' bookings (one, or all those a closure hits): each member is told
after the commit, a pass visit is given back, the audit log keeps who did it."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from smartvillage.core.models import AuditLogEntry
from smartvillage.thirdplaces.models import Booking, Closure, Event, MemberPass, Registration
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.services import manager as manager_service
from smartvillage.thirdplaces.services import passes

from .conftest import NOW, paris

ORG = "la-jolie-colo"
pytestmark = pytest.mark.usefixtures("_now")


@pytest.fixture
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def booked(desks, room, coworker, card, make_user):
    """Cora: Wednesday on her card; Dan: Wednesday morning; Cora: the room on Thursday."""
    passes.buy(coworker, card, date(2026, 3, 2), now=NOW)
    on_card = service.book_desk(coworker, desks, date(2026, 3, 4), "day", now=NOW)
    dan = make_user("dan@example.org", first_name="Dan", language="en")
    morning = service.book_desk(dan, desks, date(2026, 3, 4), "morning", now=NOW)
    meeting = service.book_hours(
        coworker, room, paris(2026, 3, 5, 9), paris(2026, 3, 5, 11), now=NOW
    )
    return on_card, morning, meeting


def cancel_url(colo, booking):
    return reverse("thirdplaces:manager_cancel", args=[ORG, colo.slug, booking.pk])


def test_a_manager_cancels_a_booking_and_the_member_is_told(
    client, manager, colo, booked, mailoutbox, django_capture_on_commit_callbacks
):
    on_card, _morning, _meeting = booked
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(colo, on_card), {"reason": "Panne de chauffage"})
    assert response.status_code == 302
    on_card.refresh_from_db()
    assert on_card.status == Booking.Status.CANCELLED
    assert MemberPass.objects.get().visits_used == 0  # the card's visit is given back
    [message] = mailoutbox
    assert message.to == ["cora@example.org"]
    assert "La Jolie Colo" in message.subject
    assert "Panne de chauffage" in message.body
    entry = AuditLogEntry.objects.get(action="thirdplaces.booking.cancelled_by_manager")
    assert (entry.actor, entry.target_id) == (manager, str(on_card.pk))


def test_the_message_is_in_the_member_s_language(
    client, manager, colo, booked, mailoutbox, django_capture_on_commit_callbacks
):
    _on_card, morning, _meeting = booked
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url(colo, morning))
    [message] = mailoutbox
    assert message.subject.endswith("Your booking at La Jolie Colo is cancelled")


def test_no_message_leaves_before_the_commit(client, manager, colo, booked, mailoutbox):
    on_card, _morning, _meeting = booked
    client.force_login(manager)
    client.post(cancel_url(colo, on_card))  # the test transaction never commits
    assert mailoutbox == []


def test_a_cancelled_booking_cannot_be_cancelled_twice(client, manager, colo, booked, mailoutbox):
    on_card, _morning, _meeting = booked
    client.force_login(manager)
    client.post(cancel_url(colo, on_card))
    response = client.post(cancel_url(colo, on_card), follow=True)
    assert "déjà annulée" in response.content.decode()
    assert AuditLogEntry.objects.filter(action__endswith="cancelled_by_manager").count() == 1


def test_the_bookings_page_lists_who_booked(client, manager, colo, booked):
    client.force_login(manager)
    response = client.get(reverse("thirdplaces:manage_bookings", args=[ORG, colo.slug]))
    assert [b.pk for b in response.context["page"]] == [b.pk for b in booked]
    response = client.get(
        reverse("thirdplaces:manage_bookings", args=[ORG, colo.slug]), {"day": "2026-03-05"}
    )
    assert [b.pk for b in response.context["page"]] == [booked[2].pk]


def test_cancelling_is_for_the_place_s_managers_only(
    client, plain_member, outsider, colo, booked, fablab, printer, manager
):
    on_card = booked[0]
    client.force_login(plain_member)
    assert client.post(cancel_url(colo, on_card)).status_code == 403
    client.force_login(outsider)
    assert client.post(cancel_url(colo, on_card)).status_code == 404
    client.logout()
    assert client.post(cancel_url(colo, on_card)).status_code == 302
    # A booking of another place, through this place's address: not found.
    client.force_login(manager)
    other = reverse("thirdplaces:manager_cancel", args=[ORG, fablab.slug, on_card.pk])
    assert client.post(other).status_code == 404
    on_card.refresh_from_db()
    assert on_card.status == Booking.Status.CONFIRMED


# --- Closures that hit bookings ------------------------------------------------------------------


def test_a_closure_lists_the_bookings_it_hits_and_cancels_them_with_a_message(
    client, manager, colo, booked, mailoutbox, django_capture_on_commit_callbacks
):
    on_card, morning, meeting = booked
    client.force_login(manager)
    response = client.post(
        reverse("thirdplaces:manage_place", args=[ORG, colo.slug]),
        {"action": "closure", "first_day": "2026-03-04", "last_day": "2026-03-04",
         "reason": "Assemblée générale"},
    )  # fmt: skip
    closure = Closure.objects.get()
    page_url = reverse("thirdplaces:closure_bookings", args=[ORG, colo.slug, closure.pk])
    assert response["Location"] == page_url
    page = client.get(page_url)
    assert {b.pk for b in page.context["bookings"]} == {on_card.pk, morning.pk}
    assert "dan@example.org" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url, {"reason": ""})  # empty: the closure's reason is sent
    statuses = dict(Booking.objects.values_list("pk", "status"))
    assert statuses[on_card.pk] == statuses[morning.pk] == Booking.Status.CANCELLED
    assert statuses[meeting.pk] == Booking.Status.CONFIRMED
    assert sorted(m.to[0] for m in mailoutbox) == ["cora@example.org", "dan@example.org"]
    assert all("Assemblée générale" in m.body for m in mailoutbox)
    assert client.get(page_url).context["bookings"] == []


def test_a_closure_page_of_another_place_is_not_found(client, manager, colo, fablab, outsider):
    closure = Closure.objects.create(third_place=fablab, first_day=date(2026, 3, 4),
                                     last_day=date(2026, 3, 4))  # fmt: skip
    client.force_login(manager)
    address = reverse("thirdplaces:closure_bookings", args=[ORG, colo.slug, closure.pk])
    assert client.get(address).status_code == 404
    client.force_login(outsider)
    own = reverse("thirdplaces:closure_bookings", args=[ORG, fablab.slug, closure.pk])
    assert client.post(own).status_code == 404


def test_a_booking_already_over_is_not_cancelled(manager, booked):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="passée"):
        manager_service.cancel_booking(manager, booked[0], now=paris(2026, 3, 4, 19))


# --- Events --------------------------------------------------------------------------------------


def test_cancelling_an_event_tells_the_registered_people(
    client, manager, colo, coworker, mailoutbox, django_capture_on_commit_callbacks
):
    event = Event.objects.create(
        third_place=colo, title="Repair café", capacity=10,
        starts_at=paris(2026, 3, 10, 14), ends_at=paris(2026, 3, 10, 17),
    )  # fmt: skip
    Registration.objects.create(event=event, user=coworker)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("thirdplaces:cancel_event", args=[ORG, colo.slug, event.pk]))
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    [message] = mailoutbox
    assert "Repair café" in message.subject
    assert AuditLogEntry.objects.get(action="thirdplaces.event.cancelled").data["told"] == 1
