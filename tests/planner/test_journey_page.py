"""The search page and its operator variant: a known journey on the demo timetable, bad input,
who may use the operator page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smartvillage.accounts.models import Membership
from smartvillage.territory.models import Place

QUERY = {
    "origin": "44.8960, 5.3720", "destination": "45.0190, 5.2930", "date": "2026-12-08",
    "time": "09:00", "time_kind": "leave_at",
}  # fmt: skip


def test_it_shows_the_form_without_searching(client, db):
    response = client.get(reverse("planner:journey"))
    assert response.status_code == 200
    assert "result" in response.context
    assert response.context["result"] is None


def test_it_finds_the_bus_connection_of_the_demo_timetable(client, vercors_feed):
    response = client.get(reverse("planner:journey"), QUERY)
    assert response.status_code == 200
    options = response.context["result"].options
    bus = [o for o in options if o.modes == ["bus", "bus"]]
    assert bus, [o.modes for o in options]
    legs = [leg for leg in bus[0].legs if leg.mode == "bus"]
    # V1 09:10 Vassieux -> La Chapelle 09:28, walk to the town hall stop, V2 09:45 -> 10:42.
    assert [(leg.name, leg.departs.strftime("%H:%M"), leg.arrives.strftime("%H:%M"))
            for leg in legs] == [("V1", "09:10", "09:28"), ("V2", "09:45", "10:42")]  # fmt: skip
    page = response.content.decode()
    assert "09:10" in page
    assert "10:42" in page
    assert "horaires inventés" in page or "invented" in page


def test_it_finds_places_by_name(client, vercors_feed, commune):
    Place.objects.create(slug="mairie", name="Mairie de La Chapelle", commune=commune,
                         latitude=44.9697, longitude=5.4153)  # fmt: skip
    response = client.get(reverse("planner:journey"),
                          {**QUERY, "origin": "mairie de la chapelle"})  # fmt: skip
    assert response.context["form"].points["origin"].label == "Mairie de La Chapelle"


def test_unknown_places_and_bad_times_are_field_errors(client, db):
    response = client.get(
        reverse("planner:journey"), {**QUERY, "origin": "Atlantis", "time": "25:99"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "origin" in errors
    assert "time" in errors
    assert response.context["result"] is None


def test_the_same_place_twice_is_refused(client, db):
    response = client.get(reverse("planner:journey"), {**QUERY, "destination": QUERY["origin"]})
    assert "destination" in response.context["form"].errors


def test_a_wheelchair_search_leaves_out_the_inaccessible_stop(client, vercors_feed):
    # Saint-Julien (on V1 and V2) has no step-free boarding in the demo feed: a route through
    # it is not offered to a wheelchair user.
    query = {**QUERY, "destination": "45.0517, 5.4500"}
    options = client.get(reverse("planner:journey"), query).context["result"].options
    assert any("bus" in o.modes for o in options)
    query["wheelchair"] = "on"
    options = client.get(reverse("planner:journey"), query).context["result"].options
    assert all("bus" not in o.modes for o in options)


@pytest.mark.parametrize("role", [Membership.Role.OPERATOR, Membership.Role.ADMIN])
def test_staff_reach_the_operator_page(client, organisation, make_user, role):
    user = make_user("op@example.org")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    client.force_login(user)
    assert client.get(reverse("planner:operator")).status_code == 200


def test_a_member_without_a_staff_role_is_refused_the_operator_page(client, member_user):
    client.force_login(member_user)
    assert client.get(reverse("planner:operator")).status_code == 403


def test_the_operator_page_asks_to_log_in(client, db):
    response = client.get(reverse("planner:operator"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_search_page_refuses_post(client, db):
    assert client.post(reverse("planner:journey"), QUERY).status_code == 405


def test_the_services_menu_links_the_planner(client, db):
    page = client.get("/").content.decode()
    assert f'href="{reverse("planner:journey")}"' in page
    assert "Sans ma voiture" in page
