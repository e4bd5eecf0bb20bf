"""Emails and SMS: drivers passing a waiting hitchhiker, the passenger when a driver accepts,
carpool contacts and answers. Each by the member's chosen channel, in their language, after the
commit, and hitchhiker alerts rate-limited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from smartvillage.core import notifications
from smartvillage.rideshare.models import Member, Notification, Trip
from smartvillage.rideshare.services import carpool, live, notify


@pytest.fixture(autouse=True)
def _sms(settings):
    settings.SMS_BACKEND = "smartvillage.core.notifications.LocmemSmsBackend"
    notifications.outbox.clear()
    yield
    notifications.outbox.clear()


def _hitch(passenger, stops, django_capture_on_commit_callbacks, now=None):
    with django_capture_on_commit_callbacks(execute=True):
        return live.hitch(passenger, stops["martin"], stops["villard"], 20, now=now)


def test_a_driver_passing_by_gets_an_email_in_their_language(
    passenger, trip, stops, driver, django_capture_on_commit_callbacks
):
    driver.user.language = "en"
    driver.user.save()
    request, told = _hitch(passenger, stops, django_capture_on_commit_callbacks)
    assert told == 1
    [message] = mail.outbox
    assert message.to == ["marie@example.org"]
    assert "A hitchhiker is waiting at Saint-Martin – Place" in message.subject
    assert "Lucas" in message.body
    assert reverse("rideshare:hitch", args=[request.pk]) in message.body
    assert "Blanc" not in message.body  # first name only
    assert notifications.outbox == []
    row = Notification.objects.get(member=driver)
    assert row.channel == "email"
    assert row.sent_at is not None


@pytest.mark.parametrize("language", ["fr", "en"])
def test_messages_are_rendered_in_the_recipients_language(
    passenger, trip, stops, driver, language, monkeypatch, django_capture_on_commit_callbacks
):
    from django.utils import translation

    driver.user.language = language
    driver.user.save()
    seen = []
    render = notify._render

    def spy(template, context):
        seen.append(translation.get_language())
        return render(template, context)

    monkeypatch.setattr(notify, "_render", spy)
    with translation.override("fr" if language == "en" else "en"):  # the sender's language
        _hitch(passenger, stops, django_capture_on_commit_callbacks)
    assert seen == [language]


def test_a_driver_who_chose_sms_gets_a_text_message(
    passenger, trip, stops, driver, django_capture_on_commit_callbacks
):
    Member.objects.filter(pk=driver.pk).update(notify_by=Member.NotifyBy.SMS)
    _hitch(passenger, stops, django_capture_on_commit_callbacks)
    [(phone, text)] = notifications.outbox
    assert phone == "0601020304"
    assert "Saint-Martin – Place" in text
    assert len(text) < 320  # two SMS at most
    assert mail.outbox == []
    assert Notification.objects.get(member=driver).channel == "sms"


def test_sms_without_a_phone_falls_back_to_email(
    passenger, trip, stops, driver, django_capture_on_commit_callbacks
):
    Member.objects.filter(pk=driver.pk).update(notify_by=Member.NotifyBy.SMS)
    driver.user.phone = ""
    driver.user.save()
    _hitch(passenger, stops, django_capture_on_commit_callbacks)
    assert notifications.outbox == []
    assert [m.to for m in mail.outbox] == [["marie@example.org"]]


def test_a_driver_who_wants_nothing_is_only_shown_on_the_dashboard(
    passenger, trip, stops, driver, django_capture_on_commit_callbacks
):
    Member.objects.filter(pk=driver.pk).update(notify_by=Member.NotifyBy.NONE)
    _, told = _hitch(passenger, stops, django_capture_on_commit_callbacks)
    assert told == 1
    assert mail.outbox == []
    assert notifications.outbox == []
    row = Notification.objects.get(member=driver)
    assert (row.channel, row.sent_at) == ("", None)


def test_drivers_going_elsewhere_get_nothing(
    passenger, trip, stops, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        live.hitch(passenger, stops["villard"], stops["chapelle"], 20)
    assert mail.outbox == []


def test_hitchhiker_alerts_are_rate_limited(
    passenger, trip, stops, driver, make_user, settings, django_capture_on_commit_callbacks
):
    from tests.rideshare.conftest import make_member

    settings.RIDESHARE_ALERT_INTERVAL_MINUTES = 2
    settings.RIDESHARE_ALERTS_PER_DAY = 2
    others = [make_member(make_user(f"p{i}@example.org", first_name=f"P{i}")) for i in range(3)]
    start = timezone.now()

    def hitch(member, minutes):
        live.hitch(member, stops["martin"], stops["villard"], 20,
                   now=start + timedelta(minutes=minutes))  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        hitch(passenger, 0)  # sent
        hitch(others[0], 1)  # within 2 minutes of the last alert: dashboard only
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        hitch(others[1], 3)  # sent: the second of the day
        hitch(others[2], 6)  # the daily cap (2) is reached: dashboard only
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(member=driver, sent_at__isnull=False).count() == 2
    assert Notification.objects.filter(member=driver).count() == 4
    # A day later the driver can be told again.
    assert notify.alert_allowed(driver, start + timedelta(days=1, minutes=1))
    assert not notify.alert_allowed(driver, start + timedelta(minutes=7))


def test_nothing_is_sent_when_the_request_is_rolled_back(
    passenger, trip, stops, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            from django.db import transaction

            with transaction.atomic():
                live.hitch(passenger, stops["martin"], stops["villard"], 20)
                raise RuntimeError("boom")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []


def test_the_passenger_is_told_when_a_driver_accepts(
    passenger, trip, stops, driver, car, django_capture_on_commit_callbacks
):
    request, _ = _hitch(passenger, stops, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        live.accept(driver, request.pk, car)
    [message] = mail.outbox
    assert message.to == ["lucas@example.org"]
    assert "Marie" in message.subject
    assert "Clio" in message.body
    assert "0601020304" not in message.body


def test_a_refused_accept_tells_nobody(
    passenger, trip, stops, driver, car, make_user, django_capture_on_commit_callbacks
):
    from smartvillage.rideshare.models import HitchRequest

    request, _ = _hitch(passenger, stops, django_capture_on_commit_callbacks)
    HitchRequest.objects.filter(pk=request.pk).update(status=HitchRequest.Status.CANCELLED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        live.accept(driver, request.pk, car)
    assert mail.outbox == []


def test_the_driver_is_told_of_a_carpool_request_and_the_passenger_of_the_answer(
    passenger, driver, car, stops, django_capture_on_commit_callbacks
):
    a, b = stops["chapelle"], stops["villard"]
    trip = Trip.objects.create(
        driver=driver,
        vehicle=car,
        kind=Trip.Kind.ONE_OFF,
        origin_label="La Chapelle",
        origin_lat=a.place.latitude,
        origin_lon=a.place.longitude,
        destination_label="Villard",
        destination_lat=b.place.latitude,
        destination_lon=b.place.longitude,
        departure_at=timezone.now() + timedelta(hours=3),
        seats=3,
    )
    with django_capture_on_commit_callbacks(execute=True):
        row = carpool.contact(passenger, trip, timezone.localdate(trip.departure_at), message="Hi")
    [to_driver] = mail.outbox
    assert to_driver.to == ["marie@example.org"]
    assert "Lucas" in to_driver.subject
    assert reverse("rideshare:contact", args=[row.pk]) in to_driver.body
    assert "0605060708" not in to_driver.body
    mail.outbox.clear()
    Member.objects.filter(pk=passenger.pk).update(notify_by=Member.NotifyBy.SMS)
    row.passenger.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        carpool.respond(driver, row, True)
    [(phone, text)] = notifications.outbox
    assert phone == "0605060708"
    assert "Marie" in text
    assert mail.outbox == []
    # Answering the same again changes nothing and sends nothing.
    notifications.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert carpool.respond(driver, row, True) is False
    assert notifications.outbox == []


def test_a_declined_request_is_told_too(
    login, passenger, driver, trip, django_capture_on_commit_callbacks
):
    row = carpool.contact(passenger, trip, timezone.localdate(trip.departure_at))
    mail.outbox.clear()
    url = reverse("rideshare:contact_action", args=[row.pk, "decline"])
    with django_capture_on_commit_callbacks(execute=True):
        assert login(driver).post(url).status_code == 302
    [message] = mail.outbox
    assert message.to == ["lucas@example.org"]
    assert "Marie" in message.subject


def test_the_driver_dashboard_lists_the_waiting_hitchhiker(login, passenger, trip, stops, driver):
    request, _ = live.hitch(passenger, stops["martin"], stops["villard"], 20)
    page = login(driver).get(reverse("rideshare:dashboard"))
    assert page.status_code == 200
    assert reverse("rideshare:hitch", args=[request.pk]) in page.content.decode()
    assert timezone.localtime(request.expires_at).strftime("%H:%M") in page.content.decode()
