"""The relay desk: ID check, moderation, stops, proof exports. Staff only."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from smartvillage.accounts.models import Organisation
from smartvillage.rideshare.models import Member, Relay, Report, Ride, Stop
from smartvillage.rideshare.services import proof
from tests.rideshare.conftest import make_member
from tests.rideshare.test_proof_rules import morning, ride


@pytest.fixture
def pending(make_user, relay):
    return make_member(
        make_user("new@example.org", first_name="Nina"), status="pending", relay=relay
    )


def _validate_url(pk):
    return reverse("rideshare:relay_validate", args=["parc-du-vercors", pk])


def test_staff_see_the_waiting_members(login, relay_staff, pending):
    response = login(relay_staff).get(reverse("rideshare:relay", args=["parc-du-vercors"]))
    assert response.status_code == 200
    assert pending in response.context["pending"]


def test_staff_validate_a_member_after_the_id_check(login, relay_staff, pending):
    response = login(relay_staff).post(_validate_url(pending.pk), {"id_document": "id_card"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Member.Status.VALIDATED
    assert pending.id_document == "id_card"
    assert pending.validated_by == relay_staff


def test_validation_needs_a_document_kind(login, relay_staff, pending):
    login(relay_staff).post(_validate_url(pending.pk), {"id_document": "selfie"})
    pending.refresh_from_db()
    assert pending.status == Member.Status.PENDING


def test_validation_is_post_only(login, relay_staff, pending):
    assert login(relay_staff).get(_validate_url(pending.pk)).status_code == 405


def test_a_plain_member_of_the_organisation_gets_403(login, park_member, pending):
    assert (
        login(park_member).post(_validate_url(pending.pk), {"id_document": "id_card"}).status_code
        == 403
    )
    assert (
        login(park_member).get(reverse("rideshare:relay", args=["parc-du-vercors"])).status_code
        == 403
    )
    pending.refresh_from_db()
    assert pending.status == Member.Status.PENDING


def test_an_outsider_gets_404(login, outsider, pending):
    assert (
        login(outsider).post(_validate_url(pending.pk), {"id_document": "id_card"}).status_code
        == 404
    )


def test_anonymous_is_sent_to_login(client, pending, relay):
    response = client.post(_validate_url(pending.pk), {"id_document": "id_card"})
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_staff_suspend_from_a_report(login, relay_staff, driver, passenger):
    report = Report.objects.create(reporter=passenger, reported=driver, reason="Rude")
    url = reverse("rideshare:relay_moderate", args=["parc-du-vercors", report.pk])
    assert login(relay_staff).post(url, {"decision": "suspended"}).status_code == 302
    driver.refresh_from_db()
    report.refresh_from_db()
    assert driver.status == Member.Status.SUSPENDED
    assert driver.card_version == 2
    assert report.status == Report.Status.SUSPENDED
    assert report.handled_by == relay_staff


def test_staff_create_a_stop_in_the_territory(login, relay_staff, communes):
    url = reverse("rideshare:relay_new_stop", args=["parc-du-vercors"])
    response = login(relay_staff).post(
        url,
        {
            "name": "Saint-Martin école",
            "latitude": "45.02",
            "longitude": "5.44",
            "directions": "Villard-de-Lans, La Chapelle",
        },
    )
    assert response.status_code == 302
    stop = Stop.objects.get()
    assert stop.place.commune.insee_code == "26315"
    assert stop.direction_list == ["Villard-de-Lans", "La Chapelle"]


def test_a_stop_outside_the_territory_gets_a_clear_error(login, relay_staff, communes):
    url = reverse("rideshare:relay_new_stop", args=["parc-du-vercors"])
    response = login(relay_staff).post(
        url, {"name": "Lyon", "latitude": "45.76", "longitude": "4.83", "directions": "Paris"}
    )
    assert response.status_code == 422
    assert "outside the territory" in str(response.context["form"].errors) or "territoire" in str(
        response.context["form"].errors
    )
    assert not Stop.objects.exists()


def _proven_ride(driver, passenger, car):
    now = timezone.now()
    return Ride.objects.create(
        driver=driver,
        passenger=passenger,
        vehicle=car,
        start_label="A",
        end_label="B",
        start_lat=44.970,
        start_lon=5.414,
        end_lat=45.071,
        end_lon=5.556,
        start_insee="26074",
        end_insee="38548",
        started_at=now,
        ended_at=now,
        distance_m=21000,
        driver_confirmed_at=now,
        passenger_confirmed_at=now,
        status=Ride.Status.COMPLETED,
    )


def test_staff_export_proofs_as_json_and_csv(login, relay_staff, driver, passenger, car):
    ride = _proven_ride(driver, passenger, car)
    unconfirmed = _proven_ride(driver, passenger, car)
    unconfirmed.driver_confirmed_at = None
    unconfirmed.save()
    client = login(relay_staff)
    data = json.loads(
        client.get(reverse("rideshare:relay_proofs", args=["parc-du-vercors", "json"])).content
    )
    assert proof.schema_errors(data) == []
    assert [j["operator_journey_id"] for j in data["journeys"]] == [str(ride.journey_id)]
    journey = data["journeys"][0]
    assert journey["operator_class"] == "B"
    assert journey["start"]["lat"] == 44.97
    assert journey["end"]["lon"] == 5.56
    assert journey["distance"] == 21000
    assert journey["passenger"]["seats"] == 1
    response = client.get(reverse("rideshare:relay_proofs", args=["parc-du-vercors", "csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == 1
    assert rows[0]["start_insee"] == "26074"


def test_a_member_cannot_export_proofs(login, park_member, relay):
    url = reverse("rideshare:relay_proofs", args=["parc-du-vercors", "json"])
    assert login(park_member).get(url).status_code == 403


def _suspend_url(pk):
    return reverse("rideshare:relay_suspend", args=["parc-du-vercors", pk])


def test_staff_suspend_a_member_of_their_relay(login, relay_staff, relay, driver):
    Member.objects.filter(pk=driver.pk).update(relay=relay)
    response = login(relay_staff).post(_suspend_url(driver.pk), {"reason": "Charter broken"})
    assert response.status_code == 302
    driver.refresh_from_db()
    assert driver.status == Member.Status.SUSPENDED
    assert driver.suspended_reason == "Charter broken"


def test_staff_cannot_suspend_a_member_of_another_relay(login, relay_staff, make_user, driver):
    other = Organisation.objects.create(
        name="Mairie de Villard", slug="villard", kind=Organisation.Kind.PUBLIC_BODY
    )
    Member.objects.filter(pk=driver.pk).update(relay=Relay.objects.create(organisation=other))
    assert login(relay_staff).post(_suspend_url(driver.pk), {"reason": "x"}).status_code == 404
    driver.refresh_from_db()
    assert driver.status == Member.Status.VALIDATED


def test_suspension_is_post_only_and_staff_only(login, relay_staff, park_member, driver):
    assert login(relay_staff).get(_suspend_url(driver.pk)).status_code == 405
    assert login(park_member).post(_suspend_url(driver.pk), {"reason": "x"}).status_code == 403
    driver.refresh_from_db()
    assert driver.status == Member.Status.VALIDATED


def _proven_rides(driver, car, make_user, n: int, day: int) -> None:
    """``n`` proven rides on one day: some exported, some too short, some over the daily cap."""
    for i in range(n):
        other = make_member(make_user(f"rider{day}-{i}@example.org"))
        ride(driver, other, car, at=morning(7 + i, day=day), metres=1_000 if i % 3 == 0 else 9_000)


def test_the_relay_page_checks_the_proofs_once_whatever_their_number(
    login, relay_staff, driver, car, make_user, settings, monkeypatch
):
    settings.RIDESHARE_PROOF_MAX_PER_DRIVER_DAY = 2
    calls = []
    checked = proof.check_proofs
    monkeypatch.setattr(proof, "check_proofs", lambda *a, **k: calls.append(1) or checked(*a, **k))
    client = login(relay_staff)
    url = reverse("rideshare:relay", args=["parc-du-vercors"])
    queries, held_back = [], []
    for n, day in ((1, 10), (6, 11), (12, 12)):
        _proven_rides(driver, car, make_user, n, day)
        calls.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert len(calls) == 1  # the checks are computed once per page
        queries.append(len(captured.captured_queries))
        held_back.append(len(response.context["held_back"]))
    assert held_back[0] < held_back[1] < held_back[2]  # more rides held back each time...
    assert queries[0] == queries[1] == queries[2], queries  # ...and not one more query
