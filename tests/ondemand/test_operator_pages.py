from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from smartvillage.ondemand.models import Beneficiary, Booking, PlanProposal, Run, Vehicle
from smartvillage.ondemand.services import booking as service_booking

from .conftest import NOW, WEDNESDAY

pytestmark = pytest.mark.django_db

PAGES = [
    "/transport/tad-la-paz/operate/",
    "/transport/tad-la-paz/operate/phone/",
    "/transport/tad-la-paz/operate/people/",
    "/transport/tad-la-paz/operate/vehicles/",
    "/transport/tad-la-paz/operate/drivers/",
    "/transport/tad-la-paz/operate/settings/",
    "/transport/tad-la-paz/operate/stats/",
    "/transport/tad-la-paz/operate/stats.csv",
    "/transport/tad-la-paz/operate/days/2026-03-04/",
]


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize("url", PAGES)
def test_operators_see_the_pages(client, operator_user, service, stops, url):
    client.force_login(operator_user)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_plain_members_get_403_and_outsiders_404(client, member_user, outsider, service, url):
    client.force_login(member_user)
    assert client.get(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_login(client, service):
    response = client.get("/transport/tad-la-paz/operate/")
    assert response.status_code == 302


def _trip(stops, beneficiary, **extra):
    return {
        "beneficiary": beneficiary.pk,
        "origin_stop": stops["vassieux"].pk,
        "destination_stop": stops["market"].pk,
        "date": "2026-03-04",
        "time_kind": "leave_at",
        "time": "10:00",
        "passengers": 1,
        **extra,
    }


def test_phone_booking_finds_creates_and_books(client, operator_user, service, stops, driver):
    client.force_login(operator_user)
    created = client.post(
        "/transport/tad-la-paz/operate/phone/",
        {"action": "create_person", "first_name": "Yvette", "last_name": "Roux",
         "phone": "04 75 00 00 01"},
    )  # fmt: skip
    person = Beneficiary.objects.get(last_name="Roux")
    assert person.user is None
    assert person.organisation == service.organisation
    assert created.status_code == 302
    found = client.get("/transport/tad-la-paz/operate/phone/?q=roux")
    assert person in list(found.context["found"])
    preview = client.post(
        "/transport/tad-la-paz/operate/phone/", _trip(stops, person, action="preview")
    )
    assert preview.context["quote"] is not None
    done = client.post(
        "/transport/tad-la-paz/operate/phone/", _trip(stops, person, action="confirm")
    )
    booking = Booking.objects.get()
    assert done.status_code == 302
    assert str(booking.pk) in done["Location"]
    detail = client.get(done["Location"])
    assert "Vassieux" in detail.context["text"]
    assert len(detail.context["text"]) < 320


def test_phone_booking_requires_a_contact(client, operator_user, service):
    client.force_login(operator_user)
    page = client.post("/transport/tad-la-paz/operate/phone/",
                       {"action": "create_person", "first_name": "A",
                        "last_name": "B"})  # fmt: skip
    assert "phone" in page.context["person_form"].errors
    assert not Beneficiary.objects.exists()


def test_an_other_organisations_beneficiary_is_404(client, operator_user, service, make_user):
    from smartvillage.accounts.models import Organisation

    other = Organisation.objects.create(name="Other", slug="other")
    stranger = Beneficiary.objects.create(organisation=other, first_name="X", last_name="Y")
    client.force_login(operator_user)
    response = client.get(f"/transport/tad-la-paz/operate/phone/?beneficiary={stranger.pk}")
    assert response.status_code == 404


@pytest.fixture
def booked(trip, driver, second_driver, operator_user):
    return [
        service_booking.book(
            operator_user, trip(requested_time=WEDNESDAY + timedelta(minutes=m)), now=NOW
        )
        for m in (0, 20, 40)
    ]


def test_the_dashboard_counts_each_days_trips(client, operator_user, service, booked):
    Booking.objects.filter(pk=booked[0].pk).update(status=Booking.Status.UNSERVED, run=None)
    Booking.objects.filter(pk=booked[1].pk).update(run=None)
    client.force_login(operator_user)
    page = client.get("/transport/tad-la-paz/operate/")
    days = {d["date"].isoformat(): d for d in page.context["days"]}
    assert days["2026-03-04"] == {"date": WEDNESDAY.date(), "live": 2, "unplaced": 1, "refused": 1}
    assert days["2026-03-05"] == {"date": WEDNESDAY.date() + timedelta(days=1), "live": 0,
                                  "unplaced": 0, "refused": 0}  # fmt: skip
    assert "2026-03-07" not in days  # a Saturday: no service


def test_optimise_then_validate_from_the_day_page(client, operator_user, service, booked):
    client.force_login(operator_user)
    url = "/transport/tad-la-paz/operate/days/2026-03-04/"
    assert client.get(url + "optimise/").status_code == 405
    client.post(url + "optimise/")
    proposal = PlanProposal.objects.get()
    page = client.get(url)
    assert proposal in list(page.context["proposals"])
    client.post(f"/transport/tad-la-paz/operate/proposals/{proposal.pk}/", {"answer": "apply"})
    proposal.refresh_from_db()
    assert proposal.status == PlanProposal.Status.APPLIED


def test_move_and_cancel_from_the_booking_page(client, operator_user, service, booked):
    client.force_login(operator_user)
    booking = booked[0]
    target = Run.objects.exclude(pk=booking.run_id).get()
    client.post(f"/transport/tad-la-paz/operate/bookings/{booking.pk}/move/", {"run": target.pk})
    booking.refresh_from_db()
    assert booking.run_id == target.pk
    client.post(f"/transport/tad-la-paz/operate/bookings/{booking.pk}/cancel/")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_another_services_booking_is_404(client, operator_user, service, booked, organisation):
    from smartvillage.ondemand.models import Service

    Service.objects.create(organisation=organisation, name="Other", slug="other-service")
    client.force_login(operator_user)
    response = client.get(f"/transport/other-service/operate/bookings/{booked[0].pk}/")
    assert response.status_code == 404


def test_vehicles_and_drivers_are_managed(client, operator_user, service, places, member_user):
    client.force_login(operator_user)
    client.post("/transport/tad-la-paz/operate/vehicles/",
                {"name": "Kangoo", "kind": "car", "seats": 4, "wheelchair_places": 0,
                 "home_base": places["chapelle"].pk, "is_active": "on"})  # fmt: skip
    assert Vehicle.objects.get().name == "Kangoo"
    membership = member_user.memberships.get()
    client.post("/transport/tad-la-paz/operate/drivers/",
                {"member": membership.pk, "kind": "volunteer", "weekdays": ["2", "4"],
                 "start_time": "08:00", "end_time": "12:00", "max_distance_km": 20,
                 "home": places["vassieux"].pk})  # fmt: skip
    driver = member_user.ondemand_drivers.get()
    assert sorted(driver.availabilities.values_list("weekday", flat=True)) == [2, 4]


def test_service_settings_validate_the_polygon(client, operator_user, service):
    client.force_login(operator_user)
    page = client.get("/transport/tad-la-paz/operate/settings/")
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update({"zone_geojson": '{"type": "Point", "coordinates": [5, 45]}',
                 "communes": [c.pk for c in service.communes.all()],
                 "min_notice": "2 00:00:00", "max_advance": "30 00:00:00",
                 "cancellation_deadline": "1 00:00:00", "start_time": "08:00",
                 "end_time": "18:00", "area": ""})  # fmt: skip
    page = client.post("/transport/tad-la-paz/operate/settings/", data)
    assert "zone_geojson" in page.context["form"].errors


def test_stats_csv_counts_the_trips(client, operator_user, service, booked):
    client.force_login(operator_user)
    response = client.get("/transport/tad-la-paz/operate/stats.csv?start=2026-03-01&end=2026-03-31")
    lines = response.content.decode().strip().splitlines()
    assert lines[0].startswith("service,date,served,refused")
    day = next(line for line in lines if ",2026-03-04," in line)
    assert day.split(",")[2] == "3"


def test_an_admin_creates_a_service(client, admin_user, organisation):
    from smartvillage.ondemand.models import Service

    client.force_login(admin_user)
    response = client.post(
        "/transport/new/la-paz/",
        {"name": "Driver", "days": "135", "start_time": "09:00", "end_time": "12:00",
         "min_notice": "1 00:00:00", "max_advance": "14 00:00:00",
         "cancellation_deadline": "02:00:00", "eligibility": "open", "fare_kind": "free",
         "fare_amount": "0", "pickup_window_minutes": 20, "flexibility_minutes": 30,
         "max_detour_factor": "2", "boarding_minutes": 2, "warning_after": 1,
         "restrict_after": 3, "restriction_days": 30, "incident_period_days": 90,
         "is_active": "on"},
    )  # fmt: skip
    service = Service.objects.get()
    assert response.status_code == 302
    assert service.slug == "driver-2"  # /transport/driver/ is the drivers' page
    assert service.organisation == organisation


def test_a_member_cannot_create_a_service(client, member_user, organisation):
    client.force_login(member_user)
    assert client.get("/transport/new/la-paz/").status_code == 403
