"""Events: registration with a capacity, the agendas and their iCalendar feeds."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from smartvillage.thirdplaces.models import Event, Registration
from smartvillage.thirdplaces.services import events as service

from .conftest import NOW, paris


@pytest.fixture
def workshop(colo) -> Event:
    return Event.objects.create(
        third_place=colo, title="Atelier impression 3D", kind="workshop",
        starts_at=paris(2099, 3, 10, 14), ends_at=paris(2099, 3, 10, 16), capacity=2,
    )  # fmt: skip


def test_registration_stops_at_the_capacity(workshop, make_user):
    service.register(make_user("a@example.org"), workshop, now=NOW)
    service.register(make_user("b@example.org"), workshop, now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.register(make_user("c@example.org"), workshop, now=NOW)
    assert exc.value.messages == [str(service.ERRORS["event_full"])]
    assert workshop.seats_left() == 0


def test_a_person_registers_once_and_may_unregister(workshop, coworker):
    service.register(coworker, workshop, now=NOW)
    with pytest.raises(ValidationError):
        service.register(coworker, workshop, now=NOW)
    service.unregister(coworker, workshop, now=NOW)
    assert workshop.seats_left() == 2
    service.register(coworker, workshop, now=NOW)  # again, after cancelling
    assert Registration.objects.filter(user=coworker).count() == 2


def test_no_registration_once_the_event_started(workshop, coworker):
    with pytest.raises(ValidationError):
        service.register(coworker, workshop, now=paris(2099, 3, 10, 15))


def test_the_register_page_flow(client, workshop, coworker):
    url = reverse("thirdplaces:register", args=[workshop.pk])
    assert client.post(url).status_code == 302  # to the login page
    assert Registration.objects.count() == 0
    client.force_login(coworker)
    assert client.get(url).status_code == 405
    client.post(url)
    assert Registration.objects.get().user == coworker
    page = client.get(reverse("thirdplaces:event", args=[workshop.pk]))
    assert page.context["registered"] is True
    assert page.context["left"] == 1
    client.post(reverse("thirdplaces:unregister", args=[workshop.pk]))
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_the_network_agenda_lists_upcoming_events(client, workshop):
    Event.objects.create(
        third_place=workshop.third_place, title="Passé", starts_at=paris(2020, 1, 1, 9),
        ends_at=paris(2020, 1, 1, 10),
    )  # fmt: skip
    response = client.get(reverse("thirdplaces:agenda"))
    assert [e.title for e in response.context["events"]] == ["Atelier impression 3D"]


def test_agenda_feeds_are_icalendar(client, workshop, colo):
    for url in (
        reverse("thirdplaces:agenda_ics"),
        reverse("thirdplaces:place_ics", args=[colo.slug]),
    ):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        (event,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["summary"]) == "Atelier impression 3D"
        assert event.decoded("dtstart") == paris(2099, 3, 10, 14)


def test_registrations_appear_in_the_members_feed(client, workshop, coworker):
    service.register(coworker, workshop, now=NOW)
    client.force_login(coworker)
    response = client.get(reverse("thirdplaces:ics"))
    summaries = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Atelier impression 3D"]
