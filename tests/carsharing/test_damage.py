"""Damage reports with a photo at check-out and check-in, and the manager's follow-up."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from smartvillage.carsharing.models import DamageReport, Trip
from smartvillage.carsharing.services import booking as service
from smartvillage.core.models import AuditLogEntry

from .conftest import image_upload, paris

ORG = "vercors-soleil"
START = paris(2026, 3, 3, 9)


@pytest.fixture
def started(zoe, driver):
    """Dora's booking, 9:00 to 12:00 on 3 March; the clock is at 9:05."""
    with time_machine.travel(paris(2026, 3, 2, 9), tick=False):
        booking = service.book(driver, zoe, START, paris(2026, 3, 3, 12))
    with time_machine.travel(paris(2026, 3, 3, 9, 5), tick=False):
        yield booking


def test_damage_found_at_check_out_is_reported_with_its_photo(client, started, driver, media):
    client.force_login(driver)
    response = client.post(
        f"/carsharing/bookings/{started.pk}/check-out/",
        {
            "odometer": "41000",
            "battery": "80",
            "damage": "Scratch on the rear bumper",
            "damage_photo": image_upload("bumper.jpg", fmt="JPEG"),
        },
    )
    assert response.status_code == 302
    assert Trip.objects.filter(booking=started).exists()
    report = DamageReport.objects.get()
    assert (report.stage, report.status, report.reported_by) == ("check_out", "open", driver)
    assert report.photo.name.startswith("carsharing/damage/bumper")
    assert (media / report.photo.name).exists()
    assert AuditLogEntry.objects.filter(action="carsharing.damage.reported").count() == 1


def test_a_photo_alone_makes_a_report(client, started, driver, media):
    client.force_login(driver)
    client.post(
        f"/carsharing/bookings/{started.pk}/check-out/",
        {"odometer": "41000", "battery": "80", "damage_photo": image_upload()},
    )
    assert DamageReport.objects.get().photo


def test_check_in_reports_damage_with_a_photo(client, started, driver, media):
    client.force_login(driver)
    client.post(
        f"/carsharing/bookings/{started.pk}/check-out/", {"odometer": "41000", "battery": "80"}
    )
    assert not DamageReport.objects.exists()  # nothing to report at check-out
    response = client.post(
        f"/carsharing/bookings/{started.pk}/check-in/",
        {
            "odometer": "41050",
            "battery": "40",
            "cleanliness": "clean",
            "damage": "Cracked mirror",
            "damage_photo": image_upload(),
        },
    )
    assert response.status_code == 302
    report = DamageReport.objects.get()
    assert (report.stage, report.description) == ("check_in", "Cracked mirror")
    assert Trip.objects.get().checked_in_at is not None


def test_a_damage_photo_that_is_not_an_image_is_a_field_error(client, started, driver, media):
    client.force_login(driver)
    fake = SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post(
        f"/carsharing/bookings/{started.pk}/check-out/",
        {"odometer": "41000", "battery": "80", "damage": "Dent", "damage_photo": fake},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["damage_photo"]
    assert not Trip.objects.exists()  # nothing written
    assert not DamageReport.objects.exists()


def _report(started, driver, media):
    from django.core.files.base import ContentFile

    report = DamageReport(
        vehicle=started.vehicle, booking=started, reported_by=driver, description="Dent"
    )
    report.photo.save("dent.png", ContentFile(image_upload().read()), save=False)
    report.save()
    return report


def test_the_manager_follows_up_a_report_and_it_is_audit_logged(
    client, started, driver, manager, media
):
    report = _report(started, driver, media)
    client.force_login(manager)
    url = f"/carsharing/manage/{ORG}/damage/{report.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "in_repair", "notes": "Garage Vial, Tuesday."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.notes, report.resolved_at) == (
        "in_repair",
        "Garage Vial, Tuesday.",
        None,
    )
    client.post(url, {"status": "closed", "notes": "Repaired, 180 €."})
    report.refresh_from_db()
    assert report.status == "closed"
    assert report.resolved_at is not None
    entries = AuditLogEntry.objects.filter(action="carsharing.damage.updated").order_by("id")
    assert [e.data["status"] for e in entries] == ["in_repair", "closed"]
    assert entries[0].actor == manager
    history = client.get(url).context["history"]
    assert len(history) == 2


def test_an_unchanged_follow_up_writes_nothing(client, started, driver, manager, media):
    report = _report(started, driver, media)
    client.force_login(manager)
    client.post(f"/carsharing/manage/{ORG}/damage/{report.pk}/", {"status": "open", "notes": ""})
    assert not AuditLogEntry.objects.filter(action="carsharing.damage.updated").exists()


def test_a_bad_status_is_a_field_error(client, started, driver, manager, media):
    report = _report(started, driver, media)
    client.force_login(manager)
    response = client.post(f"/carsharing/manage/{ORG}/damage/{report.pk}/", {"status": "lost"})
    assert response.status_code == 422
    assert response.context["form"].errors["status"]
    report.refresh_from_db()
    assert report.status == "open"


def test_the_damage_list_hides_closed_reports_by_default(client, started, driver, manager, media):
    open_report = _report(started, driver, media)
    closed = _report(started, driver, media)
    DamageReport.objects.filter(pk=closed.pk).update(status="closed")
    client.force_login(manager)
    response = client.get(f"/carsharing/manage/{ORG}/damage/")
    assert list(response.context["reports"]) == [open_report]
    response = client.get(f"/carsharing/manage/{ORG}/damage/", {"status": "closed"})
    assert [r.pk for r in response.context["reports"]] == [closed.pk]


def test_damage_pages_are_404_for_outsiders_and_403_for_plain_members(
    client, started, driver, outsider, plain_member, media
):
    report = _report(started, driver, media)
    url = f"/carsharing/manage/{ORG}/damage/{report.pk}/"
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(plain_member)
    assert client.get(url).status_code == 403
    assert client.post(url, {"status": "closed"}).status_code == 403
    report.refresh_from_db()
    assert report.status == "open"


def test_the_photo_is_shown_to_the_reporter_and_managers_only(
    client, started, driver, manager, plain_member, outsider, media
):
    report = _report(started, driver, media)
    url = f"/carsharing/damage/{report.pk}/photo/"
    assert client.get(url).status_code == 302  # anonymous: log in
    for user, status in [(driver, 200), (manager, 200), (plain_member, 404), (outsider, 404)]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
