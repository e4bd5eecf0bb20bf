"""The member's choice of how they are told: email, SMS, not at all."""

from __future__ import annotations

import re

from django.urls import reverse

from smartvillage.rideshare.models import Member

URL = reverse("rideshare:notify_preferences")


def test_a_member_chooses_text_messages(login, driver):
    response = login(driver).post(URL, {"notify_by": "sms"})
    assert response.status_code == 302
    driver.refresh_from_db()
    assert driver.notify_by == Member.NotifyBy.SMS


def test_a_member_chooses_nothing(login, passenger):
    login(passenger).post(URL, {"notify_by": "none"})
    passenger.refresh_from_db()
    assert passenger.notify_by == Member.NotifyBy.NONE


def test_sms_is_refused_without_a_phone_number(login, make_user):
    from tests.rideshare.conftest import make_member

    member = make_member(make_user("nophone@example.org"))
    response = login(member).post(URL, {"notify_by": "sms"}, follow=True)
    member.refresh_from_db()
    assert member.notify_by == Member.NotifyBy.EMAIL
    [message] = list(response.context["messages"])
    assert message.level_tag == "error"


def test_an_unknown_choice_changes_nothing(login, driver):
    login(driver).post(URL, {"notify_by": "pigeon"})
    driver.refresh_from_db()
    assert driver.notify_by == Member.NotifyBy.EMAIL


def test_a_pending_member_may_choose(login, make_user):
    from tests.rideshare.conftest import make_member

    member = make_member(make_user("p@example.org"), status=Member.Status.PENDING)
    login(member).post(URL, {"notify_by": "none"})
    member.refresh_from_db()
    assert member.notify_by == Member.NotifyBy.NONE


def test_a_suspended_member_may_not(login, suspended):
    assert login(suspended).post(URL, {"notify_by": "none"}).status_code == 403
    suspended.refresh_from_db()
    assert suspended.notify_by == Member.NotifyBy.EMAIL


def test_it_requires_post(login, driver):
    assert login(driver).get(URL).status_code == 405


def test_it_requires_login(client):
    response = client.post(URL, {"notify_by": "none"})
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_outsider_is_refused(login, outsider):
    assert login(outsider).post(URL, {"notify_by": "none"}).status_code == 403


def test_the_dashboard_shows_the_choice(login, driver):
    Member.objects.filter(pk=driver.pk).update(notify_by=Member.NotifyBy.SMS)
    page = login(driver).get(reverse("rideshare:dashboard")).content.decode()
    checked = re.findall(r'<input type="radio" name="notify_by" value="(\w+)"[^>]*checked', page)
    assert checked == ["sms"]
