"""What the services' iCalendar (RFC 5545) feeds share: the secret-key lookup, the calendar
header and the HTTP response. The events themselves are each app's (its ``ical.py``), written
with the ``icalendar`` library. The views of a private feed (the ``.ics`` itself and the page
action that creates or replaces its address) are ``core.views.member_ics`` and
``core.views.calendar_feed``, with the template ``core/includes/calendar_feed.html``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from icalendar import Calendar

from smartvillage.core.models import CalendarFeed

CONTENT_TYPE = "text/calendar; charset=utf-8"


def feed_user(request: HttpRequest, service: str) -> Any:
    """Whose feed to serve: the owner of the secret ``?token=`` (what calendar apps send) or,
    without a token, the logged-in person. 404 for an unknown or replaced key, another
    service's key, a deactivated person, or an anonymous request without a token."""
    token = request.GET.get("token")
    if token:
        feed = (
            CalendarFeed.objects.select_related("user").filter(service=service, key=token).first()
        )
        if feed is None or not feed.user.is_active:
            raise Http404
        return feed.user
    if request.user.is_authenticated:
        return request.user
    raise Http404


def feed_url(request: HttpRequest, feed: CalendarFeed, view_name: str) -> str:
    """The absolute, private URL to subscribe to (it carries the key: show it to its owner only)."""
    return request.build_absolute_uri(f"{reverse(view_name)}?token={feed.key}")


def address(request: HttpRequest, service: str, view_name: str) -> str:
    """The logged-in person's private address of ``service``'s feed, or "" if they have none
    yet (read only: a GET never creates the key, ``core.views.calendar_feed`` does on POST)."""
    user: Any = request.user  # behind login_required
    feed = CalendarFeed.objects.filter(user=user, service=service).first()
    return feed_url(request, feed, view_name) if feed else ""


def host() -> str:
    """The site's host name, for globally unique event UIDs (``booking-12@host``)."""
    return settings.SITE_ROOT.split("://")[-1].split("/")[0]


def calendar(service: str, name: str) -> Calendar:
    """An empty calendar with the required properties and the name calendar apps show."""
    cal = Calendar()
    cal.add("prodid", f"-//Smart Village//{service}//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def response(body: bytes, filename: str) -> HttpResponse:
    """``body`` served as an inline ``.ics`` file (calendar apps subscribe, browsers open it)."""
    resp = HttpResponse(body, content_type=CONTENT_TYPE)
    resp["Content-Disposition"] = f'inline; filename="{filename}"'
    return resp
