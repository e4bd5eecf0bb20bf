"""Challenges: opt-in, progress from the participants' real activity, commune ranking, badges,
and their edit pages for the organisation's staff."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.impact import services
from smartvillage.impact.models import Challenge, Participation
from smartvillage.territory.models import Commune

from .conftest import APRIL, MARCH, carpool


@pytest.fixture
def villard(db):
    return Commune.objects.create(
        insee_code="38548", name="Villard-de-Lans", departement="38", population=4328,
        latitude=45.06, longitude=5.54,
    )  # fmt: skip


@pytest.fixture
def challenge(organisation):
    return Challenge.objects.create(
        organisation=organisation, title="1 000 km sans voiture en mars", slug="mars",
        metric=Challenge.Metric.CAR_KM_AVOIDED, target=Decimal("1000"), first_month=MARCH,
        last_month=MARCH,
    )  # fmt: skip


def test_only_participants_count_towards_the_progress(
    challenge, provide, make_user, commune, villard
):
    anna = make_user("anna@example.org", commune=commune)
    ben = make_user("ben@example.org", commune=villard)
    carl = make_user("carl@example.org", commune=commune)
    provide(
        carpool(anna, km=120.0), carpool(ben, km=300.0), carpool(carl, km=999.0),
        carpool(anna, km=50.0, month=APRIL),  # after the challenge
    )  # fmt: skip
    services.recompute(MARCH, date(2026, 5, 1))
    services.join(challenge, anna)
    services.join(challenge, ben)
    progress = services.progress(challenge)
    assert progress.value == Decimal("420.0")
    assert progress.percent == 42
    assert [(t.name, t.value) for t in progress.teams] == [
        ("Villard-de-Lans", Decimal("300.0")), ("La Chapelle-en-Vercors", Decimal("120.0")),
    ]  # fmt: skip
    earned = services.badges(challenge.metric, progress.per_user[anna.pk])
    assert [b.code for b in earned] == ["car_km_avoided-1", "car_km_avoided-100"]


def test_a_challenge_of_some_communes_counts_their_trips_only(
    challenge, provide, make_user, villard
):
    challenge.communes.set([villard])
    anna = make_user("anna@example.org")
    provide(carpool(anna, km=10.0), carpool(anna, km=7.0, commune="38548"))
    services.recompute(MARCH, APRIL)
    services.join(challenge, anna)
    assert services.progress(challenge).value == Decimal("7.0")


def test_a_member_joins_and_leaves_by_post(client, challenge, member_user):
    client.force_login(member_user)
    assert client.get(reverse("impact:join", args=["mars"])).status_code == 405
    client.post(reverse("impact:join", args=["mars"]))
    client.post(reverse("impact:join", args=["mars"]))  # twice: still one participation
    assert Participation.objects.filter(user=member_user).count() == 1
    page = client.get(reverse("impact:challenge", args=["mars"]))
    assert page.context["joined"] is True
    client.post(reverse("impact:leave", args=["mars"]))
    assert not Participation.objects.filter(user=member_user).exists()


def test_an_unpublished_challenge_is_hidden_from_outsiders(client, challenge, outsider):
    challenge.is_published = False
    challenge.save()
    client.force_login(outsider)
    assert client.get(reverse("impact:challenge", args=["mars"])).status_code == 404
    assert client.post(reverse("impact:join", args=["mars"])).status_code == 404


def _staff(make_user, organisation, role=Membership.Role.OPERATOR):
    user = make_user(f"{role}@example.org")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def test_staff_create_a_challenge_with_its_communes(client, organisation, make_user, villard):
    client.force_login(_staff(make_user, organisation))
    response = client.post(
        reverse("impact:challenge_new", args=[organisation.slug]),
        {"title": "Avril", "slug": "avril", "metric": "shared_trips", "target": "50",
         "first_month": "2026-04-12", "last_month": "2026-04-30", "communes_codes": "38548",
         "is_published": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    made = Challenge.objects.get(slug="avril")
    assert made.first_month == date(2026, 4, 1)
    assert list(made.communes.all()) == [villard]


def test_bad_input_is_a_field_error_and_nothing_is_saved(client, organisation, make_user):
    client.force_login(_staff(make_user, organisation))
    response = client.post(
        reverse("impact:challenge_new", args=[organisation.slug]),
        {"title": "X", "slug": "x", "metric": "car_km_avoided", "target": "0",
         "first_month": "2026-05-01", "last_month": "2026-04-01", "communes_codes": "99999"},
    )  # fmt: skip
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"target", "last_month", "communes_codes"}
    assert not Challenge.objects.filter(slug="x").exists()


def test_the_edit_page_refuses_members_and_hides_from_outsiders(
    client, challenge, organisation, member_user, make_user
):
    url = reverse("impact:challenge_edit", args=[organisation.slug, challenge.pk])
    client.force_login(member_user)
    assert client.get(url).status_code == 403
    other = Organisation.objects.create(name="Autre", slug="autre")
    outsider = _staff(make_user, other)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    # Their own organisation's page does not reach another organisation's challenge either.
    own = reverse("impact:challenge_edit", args=["autre", challenge.pk])
    assert client.post(own, {"title": "Pirate"}).status_code == 404
    challenge.refresh_from_db()
    assert challenge.title != "Pirate"


def test_staff_edit_the_challenge(client, challenge, organisation, make_user):
    client.force_login(_staff(make_user, organisation, Membership.Role.ADMIN))
    url = reverse("impact:challenge_edit", args=[organisation.slug, challenge.pk])
    response = client.post(
        url,
        {"title": "Mars sans voiture", "slug": "mars", "metric": "car_km_avoided",
         "target": "800", "first_month": "2026-03-01", "last_month": "2026-03-01",
         "communes_codes": "", "is_published": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert (challenge.title, challenge.target) == ("Mars sans voiture", Decimal("800"))
