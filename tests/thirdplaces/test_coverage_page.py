"""The coverage ("mesh") page for territory staff, through the adapter."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.territory.models import Commune
from smartvillage.thirdplaces import coverage


@pytest.fixture
def valley(colo, grenoble):
    """Autrans (the place), Grenoble (far), and two villages near each other, far from both."""
    for code, name, population, lat, lon in [
        ("38001", "Village A", 800, 45.40, 5.90),
        ("38002", "Village B", 300, 45.41, 5.91),
    ]:
        Commune.objects.create(
            insee_code=code, name=name, departement="38", population=population,
            latitude=lat, longitude=lon,
        )  # fmt: skip
    return colo


@pytest.fixture
def staff(make_user):
    user = make_user("staff@example.org")
    body = Organisation.objects.create(name="Parc", slug="parc", kind=Organisation.Kind.PUBLIC_BODY)
    Membership.objects.create(user=user, organisation=body, role=Membership.Role.OPERATOR)
    return user


def test_each_commune_gets_its_time_to_the_nearest_place(valley):
    analysis = coverage.analyse(Commune.objects.all(), 15)
    rows = {r.commune.insee_code: r for r in analysis.rows}
    assert rows["38225"].covered
    assert rows["38225"].nearest == "La Jolie Colo"
    assert rows["38185"].minutes > 15
    assert not rows["38185"].covered
    assert analysis.covered_population == 2936


def test_where_next_proposes_the_sites_with_their_gains(valley):
    analysis = coverage.analyse(Commune.objects.all(), 15)
    exact, greedy = coverage.where_next(analysis, 1)
    assert exact.optimal
    assert [s.commune.insee_code for s in exact.sites] == ["38185"]
    assert exact.sites[0].gain == 156140
    assert greedy.newly_covered == exact.newly_covered
    exact, _greedy = coverage.where_next(analysis, 2)
    assert [s.gain for s in exact.sites] == [156140, 1100]  # A and B together from either


def test_the_threshold_is_a_setting(settings, valley):
    settings.THIRDPLACES_COVERAGE_MINUTES = 120
    analysis = coverage.analyse(Commune.objects.all())
    assert analysis.threshold_min == 120
    assert analysis.covered_population == analysis.population


def test_territory_staff_see_the_page_with_proposals(client, staff, valley):
    client.force_login(staff)
    response = client.get(reverse("thirdplaces:coverage"), {"minutes": 15, "k": 1})
    assert response.status_code == 200
    exact, _greedy = response.context["proposals"]
    assert exact.sites[0].commune.name == "Grenoble"
    assert "Grenoble (38185): +156140" in response.content.decode()


def test_bad_parameters_are_field_errors(client, staff, valley):
    client.force_login(staff)
    response = client.get(reverse("thirdplaces:coverage"), {"minutes": "abc", "k": 99})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"minutes", "k"}


def test_other_people_may_not_see_it(client, member_user, outsider, valley):
    url = reverse("thirdplaces:coverage")
    assert client.get(url).status_code == 302
    for user in (member_user, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(member_user)
    assert client.post(url).status_code == 405
