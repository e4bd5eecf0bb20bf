"""The Content-Security-Policy in Chromium: injected inline code is refused, while the pages'
own scripts (Leaflet maps, commune suggestions, print buttons) run without a violation."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser


def violations(page: Page) -> list[str]:
    """Console messages of refused content, filled as the page runs."""
    seen: list[str] = []
    page.on(
        "console",
        lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return seen


def log_in(context: BrowserContext, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_an_injected_inline_script_does_not_run(page: Page, transactional_db):
    refused = violations(page)
    page.goto("/")
    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.appendChild(script);
        const img = document.createElement("img");
        img.setAttribute("onerror", "window.handler = true");
        img.src = "/no-such-image.png";
        document.body.appendChild(img);
    }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.injected === undefined && window.handler === undefined")
    assert refused, "Chromium reported no refused inline script"


def test_the_map_runs_under_the_policy(page: Page, transactional_db):
    refused = violations(page)
    page.goto("/map/")
    expect(page.locator("#map.leaflet-container, #map .leaflet-container").first).to_be_visible()
    expect(page.locator(".leaflet-control-zoom-in")).to_be_visible()
    assert not refused


def test_the_profile_suggests_communes_under_the_policy(
    page: Page, context: BrowserContext, live_server, member_user, commune
):
    refused = violations(page)
    log_in(context, live_server, member_user)
    page.goto("/me/")
    page.locator('input[list="commune-suggestions"]').fill("La Chap")
    expect(page.locator("#commune-suggestions option")).to_have_count(1)
    assert page.locator("#commune-suggestions option").get_attribute("value") == (
        "La Chapelle-en-Vercors (26074)"
    )
    assert not refused


def test_print_buttons_print_once(page: Page, transactional_db):
    """site.js handles every ``data-print`` button (they had inline onclick handlers)."""
    page.goto("/")
    page.evaluate(
        """() => {
        window.printed = 0;
        window.print = () => { window.printed += 1; };
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.print = "";
        button.innerHTML = "<span>Imprimer</span>";
        document.querySelector("main").appendChild(button);
    }"""
    )
    page.locator("main button[data-print] span").click()
    assert page.evaluate("() => window.printed") == 1
