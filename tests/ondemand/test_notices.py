"""Passengers and drivers are told of confirmations and changes, after the commit, in their
language, by email (locmem) and SMS (LocmemSmsBackend)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from smartvillage.ondemand.models import Booking, Run
from smartvillage.ondemand.services import booking as service_booking
from smartvillage.ondemand.services import planning

from .conftest import NOW, WEDNESDAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def sent(django_capture_on_commit_callbacks, _sms_outbox):
    """Run an action and return the SMS it sent after the commit (phone, text)."""

    def run(action):
        start = len(_sms_outbox)
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return _sms_outbox[start:]

    return run


def _texts(sms, phone="06 12 34 56 78"):
    return [text for to, text in sms if to == phone]


def test_nothing_is_sent_before_the_commit(trip, driver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        service_booking.book(None, trip(), now=NOW)
    from smartvillage.core.notifications import outbox

    assert outbox == []
    assert callbacks  # sent only once the booking is committed


def test_the_confirmation_is_in_the_persons_language(trip, driver, beneficiary, sent):
    beneficiary.language = "en"
    beneficiary.email = "jeanne@example.org"
    beneficiary.save()
    (text,) = _texts(sent(lambda: service_booking.book(None, trip(), now=NOW)))
    assert "Wednesday 4 March" in text
    french = trip()
    french.beneficiary.language = "fr"
    french.beneficiary.save()
    texts = _texts(
        sent(
            lambda: service_booking.book(
                None, trip(requested_time=WEDNESDAY + timedelta(hours=3)), now=NOW
            )
        )
    )
    assert any("mercredi 4 mars" in t.lower() for t in texts)
    assert [m for m in mail.outbox if m.to == ["jeanne@example.org"]]


def test_an_account_holders_language_comes_from_their_account(
    trip, driver, resident_beneficiary, member_user, sent
):
    member_user.language = "en"
    member_user.save()
    (text,) = _texts(
        sent(lambda: service_booking.book(None, trip(beneficiary=resident_beneficiary), now=NOW)),
        phone="",
    ) or [mail.outbox[-1].body]
    assert "Wednesday" in text


def test_a_replan_moving_the_pickup_too_far_tells_the_passenger(trip, driver, stops, sent):
    first = service_booking.book(None, trip(), now=NOW)
    # As if the passenger had been told a time 12 minutes earlier than the plan now says.
    Booking.objects.filter(pk=first.pk).update(
        notified_pickup=first.planned_pickup - timedelta(minutes=12)
    )
    other = trip(
        origin=service_booking.Endpoint.of_stop(stops["chapelle"]),
        requested_time=WEDNESDAY + timedelta(hours=4),
    )
    texts = _texts(sent(lambda: service_booking.book(None, other, now=NOW)))
    changed = [t for t in texts if "a changé" in t]
    assert len(changed) == 1
    assert f"n°\u00a0{first.pk}" in changed[0]
    first.refresh_from_db()
    assert first.notified_pickup == first.planned_pickup


def test_a_small_drift_is_not_worth_a_message(trip, driver, stops, sent, service):
    first = service_booking.book(None, trip(), now=NOW)
    Booking.objects.filter(pk=first.pk).update(
        notified_pickup=first.planned_pickup - timedelta(minutes=service.notify_shift_minutes - 1)
    )
    other = trip(requested_time=WEDNESDAY + timedelta(hours=4))
    texts = _texts(sent(lambda: service_booking.book(None, other, now=NOW)))
    assert not [t for t in texts if "a changé" in t]


def test_a_validated_plan_that_moves_a_pickup_tells_the_passenger(trip, driver, service, sent):
    first = service_booking.book(None, trip(), now=NOW)
    Booking.objects.filter(pk=first.pk).update(
        notified_pickup=first.planned_pickup + timedelta(minutes=9)
    )
    proposal = planning.optimise(service, WEDNESDAY.date(), time_limit=1)
    texts = _texts(sent(lambda: planning.apply_proposal(proposal)))
    assert any("a changé" in t and f"n°\u00a0{first.pk}" in t for t in texts)


def test_a_trip_moved_by_hand_tells_the_passenger_and_the_driver(trip, driver, second_driver, sent):
    booking = service_booking.book(None, trip(), now=NOW)
    target = Run.objects.exclude(pk=booking.run_id).get()
    Run.objects.filter(pk=target.pk).update(status=Run.Status.ACCEPTED)
    mail.outbox.clear()
    texts = _texts(sent(lambda: planning.move(booking, target)))
    assert len(texts) == 1
    assert "a changé" in texts[0]
    to_driver = [m for m in mail.outbox if m.to == [second_driver.user.email]]
    assert to_driver
    assert "a changé" in to_driver[0].subject


def test_an_operators_cancellation_tells_the_passenger(
    trip, driver, operator_user, beneficiary, sent
):
    beneficiary.language = "en"
    beneficiary.save()
    booking = service_booking.book(None, trip(), now=NOW)
    texts = _texts(sent(lambda: service_booking.cancel(operator_user, booking, now=NOW)))
    assert len(texts) == 1
    assert "is cancelled" in texts[0]


def test_a_declined_run_moves_the_passengers_and_tells_them(
    trip, driver, second_driver, driver_user, sent
):
    booking = service_booking.book(None, trip(), now=NOW)
    run = booking.run
    texts = _texts(sent(lambda: planning.decline_run(run, actor=driver_user)))
    booking.refresh_from_db()
    assert booking.run_id not in (None, run.pk)
    assert len(texts) == 1
    assert "a changé" in texts[0]


def test_a_declined_run_given_to_another_driver_tells_them(
    trip, driver, organisation, make_user, sent
):
    from smartvillage.accounts.models import Membership

    from .conftest import _driver

    booking = service_booking.book(None, trip(), now=NOW)
    run = booking.run
    planning.decline_run(run)
    user = make_user("vera@example.org", first_name="Vera", phone="06 99 99 99 99")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.DRIVER)
    other = _driver(organisation, user)
    mail.outbox.clear()
    sms = sent(lambda: planning.assign_driver(run, other))
    assert [m.subject for m in mail.outbox if m.to == ["vera@example.org"]]
    assert _texts(sms, phone="06 99 99 99 99")


def test_drivers_hear_of_a_new_run(trip, driver, sent):
    mail.outbox.clear()
    sent(lambda: service_booking.book(None, trip(), now=NOW))
    assert any(m.to == [driver.user.email] and "proposée" in m.subject for m in mail.outbox)


def test_a_refused_booking_sends_nothing(trip, sent):
    # No driver: no run, the request is refused.
    with pytest.raises(service_booking.Unservable):
        sent(lambda: service_booking.book(None, trip(), now=NOW))
    from smartvillage.core.notifications import outbox

    assert outbox == []
