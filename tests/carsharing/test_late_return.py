"""Late return: extend if the car is free, else warn the next member and the managers."""

from __future__ import annotations

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from smartvillage.carsharing.models import Booking, CarshareMember
from smartvillage.carsharing.services import booking as service
from smartvillage.carsharing.services import late
from smartvillage.core.models import AuditLogEntry

from .conftest import paris

BEFORE = paris(2026, 3, 2, 9)


@pytest.fixture
def next_member(fleet, make_user):
    user = make_user("nina@example.org", first_name="Nina", last_name="Next")
    CarshareMember.objects.create(
        user=user, organisation=fleet.organisation, licence_number="1", status="approved"
    )
    return user


@pytest.fixture
def out(zoe, driver):
    """Dora booked 9:00-12:00 on 3 March and has checked the car out."""
    booking = service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=BEFORE)
    service.check_out(driver, booking, 41000, 90, now=paris(2026, 3, 3, 9, 5))
    return booking


def test_running_late_extends_when_the_car_is_free(
    client, out, driver, fleet, django_capture_on_commit_callbacks
):
    client.force_login(driver)
    with (
        time_machine.travel(paris(2026, 3, 3, 11, 30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(f"/carsharing/bookings/{out.pk}/late/", {"end": "2026-03-03T13:30"})
    assert response.status_code == 302
    out.refresh_from_db()
    assert out.ends_at == paris(2026, 3, 3, 13, 30)
    assert str(out.estimated_price) == "9.00"  # 4 h 30 at 2 €/h
    assert AuditLogEntry.objects.filter(action="carsharing.booking.extended").exists()
    assert mail.outbox == []


def test_running_late_warns_the_next_member_and_the_manager(
    client, out, driver, next_member, manager, fleet, django_capture_on_commit_callbacks
):
    nexts = service.book(
        next_member, out.vehicle, paris(2026, 3, 3, 13), paris(2026, 3, 3, 15), now=BEFORE
    )
    client.force_login(driver)
    # Emails leave once the transaction commits.
    with (
        time_machine.travel(paris(2026, 3, 3, 11, 30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(f"/carsharing/bookings/{out.pk}/late/", {"end": "2026-03-03T13:30"})
    assert response.status_code == 302
    out.refresh_from_db()
    assert out.ends_at == paris(2026, 3, 3, 12)  # not extended over Nina's booking
    assert out.late_warning_sent_at is not None
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(["nina@example.org", fleet.contact_email])
    to_nina = next(m for m in mail.outbox if m.to == ["nina@example.org"])
    assert "13:30" in to_nina.body
    to_manager = next(m for m in mail.outbox if m.to == [fleet.contact_email])
    assert "nina@example.org" in to_manager.body
    entry = AuditLogEntry.objects.get(action="carsharing.booking.late_warned")
    assert entry.data["next_bookings"] == [nexts.pk]


def test_the_charging_buffer_counts_as_needed(client, out, driver, next_member, fleet):
    # Nina starts at 14:00; returning at 13:45 leaves less than the 30-minute charging buffer.
    service.book(next_member, out.vehicle, paris(2026, 3, 3, 14), paris(2026, 3, 3, 15), now=BEFORE)
    with time_machine.travel(paris(2026, 3, 3, 11, 30), tick=False):
        outcome = late.running_late(driver, out, paris(2026, 3, 3, 13, 45))
    assert not outcome.extended
    assert [b.member.user for b in outcome.warned] == [next_member]


def test_without_a_contact_email_the_admins_and_operators_are_warned(
    out, driver, manager, plain_member, fleet, next_member, django_capture_on_commit_callbacks
):
    fleet.contact_email = ""
    fleet.save()
    service.book(next_member, out.vehicle, paris(2026, 3, 3, 13), paris(2026, 3, 3, 15), now=BEFORE)
    with (
        time_machine.travel(paris(2026, 3, 3, 11, 30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        late.running_late(driver, out, paris(2026, 3, 3, 14))
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {"nina@example.org", manager.email}  # not the plain member


def test_a_return_time_in_the_past_is_a_field_error(client, out, driver):
    client.force_login(driver)
    with time_machine.travel(paris(2026, 3, 3, 11, 30), tick=False):
        response = client.post(f"/carsharing/bookings/{out.pk}/late/", {"end": "2026-03-03T11:00"})
    assert response.status_code == 422
    assert response.context["late_form"].errors["end"]
    out.refresh_from_db()
    assert out.ends_at == paris(2026, 3, 3, 12)


def test_late_is_post_only_and_for_the_member_only(client, out, driver, make_user):
    client.force_login(driver)
    assert client.get(f"/carsharing/bookings/{out.pk}/late/").status_code == 405
    client.force_login(make_user("eve@example.org"))
    with time_machine.travel(paris(2026, 3, 3, 11, 30), tick=False):
        response = client.post(f"/carsharing/bookings/{out.pk}/late/", {"end": "2026-03-03T13:30"})
    assert response.status_code == 404
    out.refresh_from_db()
    assert out.ends_at == paris(2026, 3, 3, 12)


def test_the_periodic_check_warns_once_about_a_car_not_returned(
    out, next_member, fleet, django_capture_on_commit_callbacks
):
    service.book(next_member, out.vehicle, paris(2026, 3, 3, 13), paris(2026, 3, 3, 15), now=BEFORE)
    with (
        time_machine.travel(paris(2026, 3, 3, 12, 10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("carsharing_late_returns", verbosity=0)
    assert mail.outbox == []  # within the 15-minute grace
    with (
        time_machine.travel(paris(2026, 3, 3, 12, 20), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("carsharing_late_returns", verbosity=0)
        call_command("carsharing_late_returns", verbosity=0)  # a second run sends nothing more
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["nina@example.org", fleet.contact_email])
    assert Booking.objects.get(pk=out.pk).late_warning_sent_at is not None


def test_a_returned_car_is_not_late(out, driver, fleet):
    service.check_in(driver, out.trip, 41050, 50, "clean", now=paris(2026, 3, 3, 11, 50))
    with time_machine.travel(paris(2026, 3, 3, 13), tick=False):
        assert late.warn_overdue() == 0
    assert mail.outbox == []


def test_the_next_member_also_gets_a_text_message_when_their_phone_is_known(
    out, driver, next_member, fleet, settings, django_capture_on_commit_callbacks
):
    from smartvillage.core import notifications

    settings.SMS_BACKEND = "smartvillage.core.notifications.LocmemSmsBackend"
    notifications.outbox.clear()
    next_member.phone = "+33612345678"
    next_member.save()
    service.book(next_member, out.vehicle, paris(2026, 3, 3, 13), paris(2026, 3, 3, 15), now=BEFORE)
    with (
        time_machine.travel(paris(2026, 3, 3, 11, 30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        late.running_late(driver, out, paris(2026, 3, 3, 14))
    [(phone, text)] = notifications.outbox
    assert phone == "+33612345678"
    assert out.vehicle.name in text
    notifications.outbox.clear()
