"""A member's photo: to themselves, the members they met, and the staff of their relay."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.rideshare.models import Member, Relay, Ride
from tests.authz import png_bytes


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def photographed(passenger, relay):
    """The passenger, a member of the park's relay, with a photo."""
    Member.objects.filter(pk=passenger.pk).update(relay=relay)
    passenger.refresh_from_db()
    passenger.photo.save("me.png", ContentFile(png_bytes()))
    return passenger


def _url(member):
    return reverse("rideshare:photo", args=[member.number])


def test_a_member_sees_their_own_photo(login, photographed):
    response = login(photographed).get(_url(photographed))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()


def test_a_member_sees_the_photo_of_someone_they_rode_with(login, photographed, driver, car):
    Ride.objects.create(
        driver=driver, passenger=photographed, vehicle=car, start_label="A", end_label="B",
        started_at=timezone.now(),
    )  # fmt: skip
    assert login(driver).get(_url(photographed)).status_code == 200


def test_a_member_who_never_met_them_gets_404(login, photographed, driver):
    assert login(driver).get(_url(photographed)).status_code == 404


def test_the_staff_of_their_relay_see_it(login, photographed, relay_staff):
    assert login(relay_staff).get(_url(photographed)).status_code == 200


def test_the_staff_of_another_relay_get_404(login, photographed, make_user):
    other = Organisation.objects.create(
        name="Mairie de Villard", slug="villard", kind=Organisation.Kind.PUBLIC_BODY
    )
    Relay.objects.create(organisation=other)
    staff = make_user("vera@example.org")
    Membership.objects.create(user=staff, organisation=other, role=Membership.Role.OPERATOR)
    assert login(staff).get(_url(photographed)).status_code == 404


def test_any_relay_staff_see_a_member_who_chose_no_relay(login, photographed, make_user):
    Member.objects.filter(pk=photographed.pk).update(relay=None)
    other = Organisation.objects.create(
        name="Mairie de Villard", slug="villard", kind=Organisation.Kind.PUBLIC_BODY
    )
    Relay.objects.create(organisation=other)
    staff = make_user("vera@example.org")
    Membership.objects.create(user=staff, organisation=other, role=Membership.Role.ADMIN)
    assert login(staff).get(_url(photographed)).status_code == 200


def test_a_suspended_member_no_longer_sees_the_people_they_met(login, photographed, driver, car):
    Ride.objects.create(
        driver=driver, passenger=photographed, vehicle=car, start_label="A", end_label="B",
        started_at=timezone.now(),
    )  # fmt: skip
    Member.objects.filter(pk=driver.pk).update(status=Member.Status.SUSPENDED)
    assert login(driver).get(_url(photographed)).status_code == 404


def test_a_member_without_a_photo_gives_404(login, passenger):
    assert login(passenger).get(_url(passenger)).status_code == 404


def test_anonymous_is_sent_to_login(client, photographed):
    response = client.get(_url(photographed))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_unknown_number_gives_404(login, passenger):
    assert login(passenger).get(reverse("rideshare:photo", args=["RP-999999"])).status_code == 404


def test_it_is_get_only(login, photographed):
    assert login(photographed).post(_url(photographed)).status_code == 405
