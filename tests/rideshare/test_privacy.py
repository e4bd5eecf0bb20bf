"""My data: the export holds the member's rideshare data; erasure blanks it, keeps the rides."""

from __future__ import annotations

from smartvillage.accounts import gdpr
from smartvillage.rideshare.models import Member, Ride, Vehicle
from smartvillage.rideshare.privacy import export
from smartvillage.rideshare.services import live


def test_the_export_holds_the_members_data(passenger, driver, car, trip, stops):
    hitch, _ = live.hitch(passenger, stops["martin"], stops["villard"], 20)
    live.accept(driver, hitch.pk, car)
    live.board(passenger, hitch)
    data = export(passenger.user)
    assert data["member"]["number"] == passenger.number
    assert data["rides"][0]["role"] == "passenger"
    assert data["hitchhiking"][0]["status"] == "boarded"
    assert "Marie" not in str(data)  # never the other person's name
    assert export(driver.user)["vehicles"][0]["plate"] == "GH-482-KT"
    assert "rideshare.member" in gdpr.export_user_data(passenger.user)["data"]


def test_erasure_blanks_personal_data_and_keeps_the_rides(passenger, driver, car, trip, stops):
    hitch, _ = live.hitch(passenger, stops["martin"], stops["villard"], 20)
    live.accept(driver, hitch.pk, car)
    ride = live.board(passenger, hitch)
    gdpr.erase_account(driver.user)  # the registry runs our eraser
    driver.refresh_from_db()
    ride.refresh_from_db()
    trip.refresh_from_db()
    assert driver.birth_date is None
    assert driver.status == Member.Status.SUSPENDED
    assert Vehicle.objects.get(pk=car.pk).plate == ""
    assert trip.origin_lat is None
    assert trip.status == "cancelled"
    assert Ride.objects.filter(pk=ride.pk).exists()
    assert ride.distance_m > 0
    assert ride.start_lat == round(ride.start_lat, 2)


def test_the_export_holds_alerts_and_the_notification_choice(passenger, driver, trip, stops):
    from smartvillage.rideshare.models import Notification

    live.hitch(passenger, stops["martin"], stops["villard"], 20)
    data = export(driver.user)
    assert data["member"]["notify_by"] == "email"
    [alert] = data["hitchhiker_alerts_received"]
    assert alert["stop"] == "Saint-Martin – Place"
    assert "Lucas" not in str(data)
    gdpr.erase_account(driver.user)
    assert not Notification.objects.filter(member=driver).exists()
