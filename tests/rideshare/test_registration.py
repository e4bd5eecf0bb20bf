"""Joining: age, parental consent, charter; the relay's ID check; vehicles and stickers."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from smartvillage.core.models import AuditLogEntry
from smartvillage.rideshare.models import Member, Vehicle
from smartvillage.rideshare.services import members

TODAY = date(2026, 3, 2)


def test_it_registers_an_adult_with_a_member_number(outsider):
    member = members.register(
        outsider, birth_date=date(1990, 1, 1), accept_charter=True, today=TODAY
    )
    assert member.status == Member.Status.PENDING
    assert member.number == f"RP-{member.pk:06d}"
    assert member.charter_version
    assert member.charter_accepted_at
    assert member.guardian_consent_at is None


def test_it_rejects_someone_under_16(outsider):
    with pytest.raises(ValidationError) as exc:
        members.register(outsider, birth_date=date(2010, 6, 1), accept_charter=True, today=TODAY)
    assert "birth_date" in exc.value.message_dict
    assert not Member.objects.exists()


def test_a_minor_needs_parental_consent(outsider):
    with pytest.raises(ValidationError) as exc:
        members.register(outsider, birth_date=date(2009, 1, 1), accept_charter=True, today=TODAY)
    assert "guardian_name" in exc.value.message_dict
    member = members.register(
        outsider,
        birth_date=date(2009, 1, 1),
        accept_charter=True,
        guardian_name="Anne Blanc",
        guardian_consent=True,
        today=TODAY,
    )
    assert member.guardian_name == "Anne Blanc"
    assert member.guardian_consent_at is not None


def test_it_requires_the_charter(outsider):
    with pytest.raises(ValidationError) as exc:
        members.register(outsider, birth_date=date(1990, 1, 1), accept_charter=False, today=TODAY)
    assert "accept_charter" in exc.value.message_dict


def test_the_join_page_registers_the_member(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("rideshare:join")).status_code == 200
    response = client.post(
        reverse("rideshare:join"), {"birth_date": "1990-01-01", "accept_charter": "on"}
    )
    assert response.status_code == 302
    assert Member.objects.get(user=outsider).status == Member.Status.PENDING
    assert AuditLogEntry.objects.filter(action="rideshare.member.registered").exists()


def test_the_join_page_shows_field_errors(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("rideshare:join"), {"birth_date": "2015-01-01"})
    assert response.status_code == 200
    assert "birth_date" in response.context["form"].errors
    assert "accept_charter" in response.context["form"].errors
    assert not Member.objects.exists()


def test_the_join_page_needs_a_login(client):
    response = client.get(reverse("rideshare:join"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_pending_member_cannot_publish_yet(login, make_user):
    from tests.rideshare.conftest import make_member

    pending = make_member(make_user("p@example.org"), status=Member.Status.PENDING)
    assert login(pending).get(reverse("rideshare:new_trip")).status_code == 403
    assert login(pending).get(reverse("rideshare:dashboard")).status_code == 200


def test_a_driver_registers_a_vehicle_and_gets_a_sticker(login, passenger):
    response = login(passenger).post(
        reverse("rideshare:add_vehicle"),
        {"plate": "ab 123 cd", "colour": "verte", "model": "Twingo"},
    )
    assert response.status_code == 302
    vehicle = Vehicle.objects.get(owner=passenger)
    assert vehicle.plate == "AB-123-CD"
    assert vehicle.sticker_number == f"AU-{vehicle.pk:06d}"
    passenger.refresh_from_db()
    assert passenger.is_driver


def test_it_rejects_a_bad_plate(passenger):
    with pytest.raises(ValidationError) as exc:
        members.add_vehicle(passenger, plate="!", colour="x", model="y")
    assert "plate" in exc.value.message_dict
    assert not Vehicle.objects.exists()


def test_adding_a_vehicle_is_post_only(login, passenger):
    assert login(passenger).get(reverse("rideshare:add_vehicle")).status_code == 405
