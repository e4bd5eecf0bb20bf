"""The guaranteed ride home: a yearly quota, then a priority request through core/ridehome.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from smartvillage.core import ridehome
from smartvillage.impact.models import RideHome


class FakeOndemand:
    def __init__(self, ok=True):
        self.ok, self.calls = ok, []

    def request(self, user, origin, destination, at):
        self.calls.append((origin, destination, at))
        if not self.ok:
            return ridehome.Outcome(ok=False, reason="Aucun véhicule libre.")
        return ridehome.Outcome(ok=True, reference=f"ondemand.booking:{len(self.calls)}",
                                pickup_at=at)  # fmt: skip

    def cancel(self, reference):
        return True


@pytest.fixture
def ondemand():
    provider = FakeOndemand()
    with ridehome.registry.only(ondemand__ride_home=provider):
        yield provider


def _form(commune, **extra):
    soon = timezone.localtime() + timedelta(minutes=20)
    data = {"where": "Salle des fêtes", "where_commune": commune.insee_code,
            "home": "12 rue du Lavoir", "home_commune": commune.insee_code,
            "at": soon.strftime("%Y-%m-%dT%H:%M")}  # fmt: skip
    data.update(extra)
    return data


def test_a_member_gets_a_ride_home_within_the_quota(
    client, member_user, commune, ondemand, settings
):
    settings.IMPACT_RIDE_HOME_PER_YEAR = 2
    client.force_login(member_user)
    for _i in range(3):
        response = client.post(reverse("impact:ride_home"), _form(commune))
        assert response.status_code == 302
    assert len(ondemand.calls) == 2  # the third is refused before reaching the service
    statuses = list(RideHome.objects.order_by("created").values_list("status", flat=True))
    assert statuses == ["booked", "booked", "refused"]
    assert RideHome.objects.order_by("created").last().reason
    assert client.get(reverse("impact:ride_home")).context["left"] == 0


def test_a_refusal_of_the_service_does_not_use_the_quota(client, member_user, commune):
    provider = FakeOndemand(ok=False)
    client.force_login(member_user)
    with ridehome.registry.only(ondemand__ride_home=provider):
        client.post(reverse("impact:ride_home"), _form(commune))
        left = client.get(reverse("impact:ride_home")).context["left"]
    ride = RideHome.objects.get()
    assert (ride.status, ride.reason) == ("refused", "Aucun véhicule libre.")
    assert left == 4


@pytest.mark.parametrize(
    "bad", [{"where_commune": "99999"}, {"at": "2020-01-01T10:00"}, {"at": "soon"}, {"home": ""}]
)
def test_bad_input_is_a_field_error_and_nothing_is_asked(
    client, member_user, commune, ondemand, bad
):
    client.force_login(member_user)
    response = client.post(reverse("impact:ride_home"), _form(commune, **bad))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert ondemand.calls == []
    assert not RideHome.objects.exists()
