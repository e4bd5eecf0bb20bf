"""Event carpooling: an event page (standalone or from the agenda), offers and requests to and
from it, matched with each other and with the carpool network (core/carpool.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from smartvillage.accounts.models import Membership
from smartvillage.core import agenda, carpool
from smartvillage.impact.models import CarpoolEvent, EventCarpool


@pytest.fixture
def event(organisation):
    start = (timezone.now() + timedelta(days=7)).replace(microsecond=0)
    return CarpoolEvent.objects.create(
        organisation=organisation, slug="fete-du-bleu", title="Fête du bleu", starts_at=start,
        ends_at=start + timedelta(hours=6), place_name="Villard", latitude=45.07,
        longitude=5.55,
    )  # fmt: skip


class Network:
    def __init__(self):
        self.journeys = []

    def matching_offers(self, journey, limit=5):
        self.journeys.append(journey)
        return [carpool.Offer("rideshare.trip:1", "La Chapelle → Villard, 9:00",
                              journey.departure_at, 3, "/rideshare/trips/1/")]  # fmt: skip


def _post(client, event, place, kind, when, **extra):
    data = {"kind": kind, "direction": "to", "commune": place.insee_code, "seats": "1",
            "departure_at": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")}  # fmt: skip
    data.update(extra)
    return client.post(reverse("impact:post_carpool", args=[event.slug]), data)


def test_a_request_meets_an_offer_and_the_networks(client, event, commune, member_user, make_user):
    driver = make_user("driver@example.org", first_name="Paul")
    when = event.starts_at - timedelta(minutes=45)
    client.force_login(driver)
    assert _post(client, event, commune, "offer", when, seats="3").status_code == 302
    client.force_login(member_user)
    assert _post(client, event, commune, "request", when).status_code == 302
    network = Network()
    with carpool.registry.only(rideshare__offers=network):
        page = client.get(reverse("impact:event", args=[event.slug]))
    [(post, matches, offers)] = page.context["mine"]
    assert post.kind == "request"
    assert [m.user for m in matches] == [driver]
    assert offers[0].url == "/rideshare/trips/1/"
    journey = network.journeys[0]
    assert journey.destination == (event.latitude, event.longitude)  # to the event
    assert journey.origin == (commune.latitude, commune.longitude)


def test_bad_input_is_a_field_error_and_nothing_is_saved(client, event, commune, member_user):
    client.force_login(member_user)
    response = _post(client, event, commune, "request", event.starts_at, seats="20",
                     commune="99999")  # fmt: skip
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"seats", "commune"}
    assert not EventCarpool.objects.exists()


def test_only_the_author_withdraws_a_post(client, event, commune, member_user, make_user):
    client.force_login(member_user)
    _post(client, event, commune, "request", event.starts_at)
    post = EventCarpool.objects.get()
    url = reverse("impact:withdraw_carpool", args=[event.slug, post.pk])
    client.force_login(make_user("other@example.org"))
    assert client.post(url).status_code == 404
    client.force_login(member_user)
    assert client.post(url).status_code == 302
    post.refresh_from_db()
    assert post.is_active is False


class Agenda:
    prefix = "hub.event"

    def __init__(self, event):
        self.event = event

    def between(self, start, end):
        return [self.event]

    def get(self, key):
        return self.event if key == self.event.key else None


def test_staff_make_a_kit_from_an_agenda_event(client, organisation, make_user):
    start = timezone.now() + timedelta(days=3)
    public = agenda.PublicEvent("hub.event:7", "Foire bio", start, start + timedelta(hours=5),
                                "Autrans", 45.17, 5.54, "/hub/events/7/")  # fmt: skip
    staff = make_user("op@example.org")
    Membership.objects.create(user=staff, organisation=organisation, role="operator")
    client.force_login(staff)
    with agenda.registry.only(hub__events=Agenda(public)):
        response = client.post(
            reverse("impact:event_new", args=[organisation.slug]),
            {"agenda-event_key": "hub.event:7", "agenda-slug": "foire-bio"},
        )
        assert response.status_code == 302
        page = client.get(reverse("impact:event", args=["foire-bio"]))
    kit = CarpoolEvent.objects.get(slug="foire-bio")
    assert (kit.title, kit.event_key, kit.organisation) == (
        "Foire bio",
        "hub.event:7",
        organisation,
    )
    assert page.context["agenda_event"] == public


def test_a_standalone_event_rejects_an_end_before_its_start(client, organisation, make_user):
    staff = make_user("op@example.org")
    Membership.objects.create(user=staff, organisation=organisation, role="admin")
    client.force_login(staff)
    response = client.post(
        reverse("impact:event_new", args=[organisation.slug]),
        {"title": "Marché", "slug": "marche", "starts_at": "2026-06-01T10:00",
         "ends_at": "2026-06-01T09:00", "place_name": "Place", "latitude": "95",
         "longitude": "5.4"},
    )  # fmt: skip
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"ends_at", "latitude"}
    assert not CarpoolEvent.objects.filter(slug="marche").exists()


def test_a_member_may_not_make_a_kit(client, organisation, member_user):
    client.force_login(member_user)
    assert client.get(reverse("impact:event_new", args=[organisation.slug])).status_code == 403
