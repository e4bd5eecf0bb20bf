"""Hitchhiking network in Chromium: the stops map shows a marker per stop, and the member card
shows its QR code and prints without the site's navigation."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from smartvillage.rideshare.models import Member, Stop
from smartvillage.territory.models import Commune, Place

pytestmark = pytest.mark.browser


@pytest.fixture
def stops(transactional_db) -> list[Stop]:
    rows = [
        ("26074", "La Chapelle-en-Vercors", 44.9697, 5.4153, "La Chapelle – Centre"),
        ("26315", "Saint-Martin-en-Vercors", 45.0233, 5.4439, "Saint-Martin – Place"),
        ("38548", "Villard-de-Lans", 45.0714, 5.5525, "Villard – Gare"),
    ]
    out = []
    for code, commune_name, lat, lon, name in rows:
        commune = Commune.objects.create(
            insee_code=code, name=commune_name, departement=code[:2], latitude=lat, longitude=lon
        )
        place = Place.objects.create(
            slug=f"stop-{code}", name=name, kind=Place.Kind.STOP, commune=commune,
            latitude=lat, longitude=lon,
        )  # fmt: skip
        out.append(Stop.objects.create(place=place, directions="Villard-de-Lans, Vassieux"))
    return out


@pytest.fixture
def member(transactional_db, make_user) -> Member:
    user = make_user("lucas@example.org", first_name="Lucas", last_name="Blanc")
    return Member.objects.create(
        user=user,
        birth_date=date(1990, 1, 1),
        charter_version="2026-1",
        charter_accepted_at=timezone.now(),
        status=Member.Status.VALIDATED,
    )


def log_in(context: BrowserContext, live_server, user) -> None:
    """Reuse a session made by Django's test client (the login form has its own test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_the_stops_map_shows_a_marker_per_stop(page: Page, stops, blocked_requests):
    page.goto("/rideshare/stops/")
    markers = page.locator("#map .leaflet-marker-icon")
    expect(markers).to_have_count(len(stops))
    # The list below the map works without it (keyboard and screen-reader users).
    expect(page.locator("#stops tbody tr")).to_have_count(len(stops))
    expect(page.locator("#map-status")).to_have_text("")  # no loading error
    markers.first.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Villard-de-Lans, Vassieux")
    # Only map tiles were stopped at the door: nothing else tried to leave localhost.
    tile_host = settings.MAP_TILE_URL.split("/")[2].replace("{s}.", "")
    assert all(tile_host in url for url in blocked_requests), blocked_requests


def test_the_member_card_shows_its_qr_code_and_prints_without_navigation(
    page: Page, context: BrowserContext, live_server, member
):
    log_in(context, live_server, member.user)
    page.goto("/rideshare/me/card/")
    card = page.locator(".member-card")
    expect(card).to_contain_text(member.number)
    qr = card.locator("svg, img[alt]").last
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None
    assert box["width"] >= 80  # big enough to scan
    assert box["height"] >= 80
    expect(page.locator(".site-header nav").first).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("nav").first).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".no-print").first).to_be_hidden()
    expect(card).to_be_visible()
    expect(qr).to_be_visible()
    expect(card).to_contain_text("Lucas Blanc")
