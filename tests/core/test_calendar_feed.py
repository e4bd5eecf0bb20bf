"""core.CalendarFeed (a person's secret iCalendar key per service) and the core.ical helpers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError
from django.http import Http404
from django.test import RequestFactory
from django.urls import resolve, reverse

from smartvillage.accounts import gdpr
from smartvillage.core import ical, views
from smartvillage.core.models import CalendarFeed


def _request(user=None, **params):
    request = RequestFactory().get("/feed.ics", params)
    request.user = user or AnonymousUser()
    return request


def test_for_user_makes_one_key_per_person_and_service(member_user):
    first = CalendarFeed.for_user(member_user, "carsharing")
    assert CalendarFeed.for_user(member_user, "carsharing") == first
    other = CalendarFeed.for_user(member_user, "thirdplaces")
    assert other.key != first.key
    assert len(first.key) >= 40  # 32 random bytes, URL-safe
    with pytest.raises(IntegrityError):
        CalendarFeed.objects.create(user=member_user, service="carsharing", key="another")


def test_rotate_replaces_only_that_services_key(member_user):
    car = CalendarFeed.for_user(member_user, "carsharing").key
    places = CalendarFeed.for_user(member_user, "thirdplaces").key
    rotated = CalendarFeed.rotate(member_user, "carsharing")
    assert rotated.key != car
    assert CalendarFeed.objects.get(user=member_user, service="carsharing").key == rotated.key
    assert CalendarFeed.objects.get(user=member_user, service="thirdplaces").key == places
    assert not CalendarFeed.objects.filter(key=car).exists()


def test_feed_user_finds_the_owner_of_the_key(member_user):
    key = CalendarFeed.for_user(member_user, "carsharing").key
    assert ical.feed_user(_request(token=key), "carsharing") == member_user


@pytest.mark.parametrize("token", ["wrong", ""])
def test_feed_user_refuses_an_unknown_or_missing_key_when_anonymous(db, token):
    with pytest.raises(Http404):
        ical.feed_user(_request(token=token), "carsharing")


def test_feed_user_refuses_another_services_key(member_user):
    key = CalendarFeed.for_user(member_user, "thirdplaces").key
    with pytest.raises(Http404):
        ical.feed_user(_request(token=key), "carsharing")


def test_feed_user_refuses_a_replaced_key(member_user):
    old = CalendarFeed.for_user(member_user, "carsharing").key
    CalendarFeed.rotate(member_user, "carsharing")
    with pytest.raises(Http404):
        ical.feed_user(_request(token=old), "carsharing")


def test_feed_user_refuses_a_deactivated_person(member_user):
    key = CalendarFeed.for_user(member_user, "carsharing").key
    member_user.is_active = False
    member_user.save()
    with pytest.raises(Http404):
        ical.feed_user(_request(token=key), "carsharing")


def test_feed_user_falls_back_to_the_logged_in_person(member_user):
    assert ical.feed_user(_request(member_user), "carsharing") == member_user


def test_a_wrong_key_is_refused_even_with_a_session(member_user):
    with pytest.raises(Http404):
        ical.feed_user(_request(member_user, token="wrong"), "carsharing")


def test_the_response_is_an_inline_calendar_file(settings):
    settings.SITE_ROOT = "https://village.example.org/"
    body = ical.calendar("carsharing", "Mes réservations").to_ical()
    response = ical.response(body, "carsharing.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="carsharing.ics"'
    text = response.content.decode()
    assert "PRODID:-//Smart Village//carsharing//FR" in text
    assert "X-WR-CALNAME:Mes réservations" in text
    assert ical.host() == "village.example.org"


def test_feed_url_carries_the_key(member_user):
    feed = CalendarFeed.for_user(member_user, "carsharing")
    url = ical.feed_url(_request(member_user), feed, "carsharing:ics")
    assert url.startswith("http://testserver/")
    assert url.endswith(f"?token={feed.key}")


def test_the_export_lists_feeds_without_their_keys(member_user):
    feed = CalendarFeed.for_user(member_user, "thirdplaces")
    exported = gdpr.export_user_data(member_user)["data"]["accounts.calendar_feeds"]
    assert [row["service"] for row in exported] == ["thirdplaces"]
    assert feed.key not in str(exported)


def test_erasure_deletes_every_services_key(member_user, make_user):
    CalendarFeed.for_user(member_user, "carsharing")
    CalendarFeed.for_user(member_user, "thirdplaces")
    kept = CalendarFeed.for_user(make_user("other@example.org"), "carsharing")
    gdpr.erase_account(member_user)
    assert list(CalendarFeed.objects.all()) == [kept]


def test_the_admin_never_shows_the_key(client, make_user, member_user):
    feed = CalendarFeed.for_user(member_user, "carsharing")
    root = make_user("root@example.org", is_staff=True, is_superuser=True)
    client.force_login(root)
    listing = client.get("/admin/core/calendarfeed/")
    page = client.get(f"/admin/core/calendarfeed/{feed.pk}/change/")
    assert listing.status_code == page.status_code == 200
    assert feed.key not in listing.content.decode()
    assert feed.key not in page.content.decode()
    assert client.get("/admin/core/calendarfeed/add/").status_code == 403


# --- The shared views: every service with a private feed routes to the same two views.

SERVICES = [("carsharing", "carsharing.ics"), ("thirdplaces", "tiers-lieux.ics")]


@pytest.mark.parametrize(("service", "filename"), SERVICES)
def test_every_private_feed_routes_to_the_core_views(service, filename):
    ics = resolve(reverse(f"{service}:ics"))
    address = resolve(reverse(f"{service}:calendar_feed"))
    assert ics.func is views.member_ics
    assert ics.kwargs["service"] == service
    assert ics.kwargs["filename"] == filename
    assert address.func is views.calendar_feed
    assert address.kwargs == {"service": service, "page": f"{service}:my_bookings"}


@pytest.mark.parametrize(("service", "filename"), SERVICES)
def test_the_address_is_created_on_post_replaced_on_reset(client, member_user, service, filename):
    client.force_login(member_user)
    assert ical.address(_request(member_user), service, f"{service}:ics") == ""
    assert not CalendarFeed.objects.exists()  # reading never creates the key
    response = client.post(reverse(f"{service}:calendar_feed"))
    assert response["Location"] == f"{reverse(f'{service}:my_bookings')}#calendar"
    key = CalendarFeed.objects.get(user=member_user, service=service).key
    url = ical.address(_request(member_user), service, f"{service}:ics")
    assert url == f"http://testserver{reverse(f'{service}:ics')}?token={key}"
    page = client.get(reverse(f"{service}:my_bookings")).content.decode()
    assert url in page
    client.post(reverse(f"{service}:calendar_feed"), {"action": "reset"})
    assert CalendarFeed.objects.get(user=member_user, service=service).key != key
    client.logout()
    assert client.get(f"{reverse(f'{service}:ics')}?token={key}").status_code == 404
    new = CalendarFeed.objects.get(user=member_user, service=service).key
    feed = client.get(f"{reverse(f'{service}:ics')}?token={new}")
    assert feed.status_code == 200
    assert feed["Content-Disposition"] == f'inline; filename="{filename}"'
