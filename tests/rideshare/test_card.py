"""The member card: a QR code with a signed, expiring token; anyone can check it."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from smartvillage.rideshare.services import members


def test_the_card_page_shows_a_qr_code(login, passenger):
    response = login(passenger).get(reverse("rideshare:card"))
    assert response.status_code == 200
    assert b"<svg" in response.content
    assert passenger.number.encode() in response.content


def test_a_valid_card_checks_without_personal_data(client, passenger):
    token = members.card_token(passenger)
    response = client.get(reverse("rideshare:check_card", args=[token]))
    assert response.status_code == 200
    assert response.context["result"].valid
    assert passenger.number.encode() in response.content
    assert b"Lucas" not in response.content
    assert b"Blanc" not in response.content


def test_a_forged_card_gets_a_clear_answer(client, passenger):
    forged = signing.dumps({"m": passenger.pk, "v": 1}, salt="rideshare.card", key="not-our-key")
    for token in [forged, "garbage", members.card_token(passenger)[:-3] + "abc"]:
        response = client.get(reverse("rideshare:check_card", args=[token]))
        assert response.status_code == 410
        assert not response.context["result"].valid
        assert "genuine" in response.context["result"].reason or "authentique" in (
            response.context["result"].reason
        )


def test_an_expired_card_gets_a_clear_answer(client, passenger, settings):
    settings.RIDESHARE_CARD_DAYS = 30
    token = members.card_token(passenger)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        check = members.verify_card(token)
        response = client.get(reverse("rideshare:check_card", args=[token]))
    assert not check.valid
    assert response.status_code == 410


def test_a_suspended_members_card_no_longer_checks(driver, relay_staff):
    token = members.card_token(driver)
    assert members.verify_card(token).valid
    members.suspend(relay_staff, driver, "test")
    assert not members.verify_card(token).valid


def test_a_pending_member_has_no_card_yet(login, make_user):
    from smartvillage.rideshare.models import Member
    from tests.rideshare.conftest import make_member

    pending = make_member(make_user("p@example.org"), status=Member.Status.PENDING)
    assert login(pending).get(reverse("rideshare:card")).status_code == 403
