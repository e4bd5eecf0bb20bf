"""The network agenda: hub events and other apps' (core/agenda.py), registration, iCal."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from smartvillage.core import agenda
from smartvillage.hub.agenda import HubAgenda
from smartvillage.hub.models import Event, Registration


@pytest.fixture
def visit(db):
    start = timezone.now() + timedelta(days=3)
    return Event.objects.create(
        title="Voyage d'étude Royans", kind=Event.Kind.VISIT, starts_at=start,
        ends_at=start + timedelta(hours=8), place_name="Saint-Jean-en-Royans", capacity=2,
        latitude=45.01, longitude=5.29,
    )  # fmt: skip


class OtherAgenda:
    prefix = "other.event"

    def between(self, start, end):
        when = timezone.now() + timedelta(days=1)
        return [
            agenda.PublicEvent(
                "other.event:1",
                "Repair café",
                when,
                when + timedelta(hours=2),
                "La Jolie Colo",
                45.17,
                5.54,
                "/third-places/events/1/",
            )  # fmt: skip
        ]

    def get(self, key):
        return None


def test_the_agenda_merges_the_hubs_and_other_apps_events(client, visit):
    with agenda.registry.only(hub__events=HubAgenda(), other__events=OtherAgenda()):
        page = client.get("/hub/agenda/")
        feed = Calendar.from_ical(client.get("/hub/agenda.ics").content)
    titles = [e.title for e in page.context["events"]]
    assert titles == ["Repair café", "Voyage d'étude Royans"]  # in start order
    summaries = [str(c["summary"]) for c in feed.walk("VEVENT")]
    assert summaries == ["Repair café", "Voyage d'étude Royans"]


def test_the_hub_provides_its_public_events_by_key(visit):
    provider = HubAgenda()
    assert provider.get(f"hub.event:{visit.pk}").title == visit.title
    assert provider.get("hub.event:abc") is None
    visit.is_published = False
    visit.save()
    assert provider.get(f"hub.event:{visit.pk}") is None


def test_registering_through_the_page(client, visit, resident, author):
    client.force_login(resident)
    client.post(f"/hub/events/{visit.pk}/register/", {"seats": "2"})
    assert visit.seats_taken() == 2
    client.force_login(author)
    response = client.post(f"/hub/events/{visit.pk}/register/", {"seats": "1"}, follow=True)
    assert (
        "This event is full." in response.content.decode() or "complet" in response.content.decode()
    )
    assert Registration.objects.count() == 1


def test_bad_seat_counts_are_refused(client, visit, resident):
    client.force_login(resident)
    client.post(f"/hub/events/{visit.pk}/register/", {"seats": "abc"})
    client.post(f"/hub/events/{visit.pk}/register/", {"seats": "0"})
    assert not Registration.objects.exists()


def test_an_unpublished_event_is_a_404(client, visit):
    visit.is_published = False
    visit.save()
    assert client.get(f"/hub/events/{visit.pk}/").status_code == 404


def test_territory_staff_add_an_event(client, moderator, park, commune):
    client.force_login(moderator)
    response = client.post(
        "/hub/events/new/",
        {"title": "Atelier mobilité", "kind": "workshop", "starts_at": "2030-05-04T14:00",
         "ends_at": "2030-05-04T17:00", "place_name": "La Paz", "commune": "26074",
         "organiser": park.pk, "registration_open": "on", "capacity": "15"},
    )  # fmt: skip
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.commune, event.capacity, event.created_by) == (commune, 15, moderator)


def test_an_event_ending_before_it_starts_is_refused(client, moderator):
    client.force_login(moderator)
    response = client.post(
        "/hub/events/new/",
        {"title": "X", "kind": "workshop", "starts_at": "2030-05-04T14:00",
         "ends_at": "2030-05-04T10:00", "place_name": "La Paz", "commune": "00000"},
    )  # fmt: skip
    form = response.context["form"]
    assert {"ends_at", "commune"} <= set(form.errors)
    assert not Event.objects.exists()


def test_territory_staff_see_who_comes(client, visit, resident, moderator, author):
    from smartvillage.hub import services

    services.register(resident, visit, 2)
    client.force_login(author)
    assert client.get(f"/hub/events/{visit.pk}/registrations/").status_code == 403
    client.force_login(moderator)
    page = client.get(f"/hub/events/{visit.pk}/registrations/")
    assert list(page.context["registrations"]) == list(Registration.objects.all())
    assert "resident@example.org" in page.content.decode()
