"""A resident's first visit, end to end in Chromium: sign up, confirm the email, log in, read the
home page in French, switch to English, open the map."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

CONFIRMATION_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+")


def submit(page: Page, field: str) -> None:
    """Submit the form that holds `field` (the header holds other forms with submit buttons)."""
    page.locator("form", has=page.locator(f"input[name={field}]")).locator("[type=submit]").click()


def sign_up(page: Page, email: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Créer un compte").first.click()
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    submit(page, "password1")


def log_in(page: Page, email: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Se connecter").click()
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page, "password")


def log_out(page: Page) -> None:
    page.locator("details.menu-account > summary").click()
    page.get_by_role("button", name="Se déconnecter").click()


def confirmation_path(mailoutbox) -> str:
    [message] = mailoutbox
    link = CONFIRMATION_LINK.search(message.body)
    assert link, message.body
    return urlsplit(link.group()).path


def test_a_resident_signs_up_confirms_logs_in_switches_to_english_and_opens_the_map(
    page: Page, mailoutbox
):
    sign_up(page, "dora@example.org")
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    path = confirmation_path(mailoutbox)
    page.goto(path)
    page.locator('form[action*="/confirm-email/"] [type=submit]').click()
    # Confirming in the browser that signed up logs in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION).
    expect(page.locator("details.menu-account > summary")).to_contain_text("dora@example.org")

    log_out(page)
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
    log_in(page, "dora@example.org")

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text(
        "Se déplacer, travailler et se retrouver dans le Vercors"
    )
    expect(page.locator("details.menu-account > summary")).to_contain_text("dora@example.org")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Getting around, working and meeting up in the Vercors")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")

    page.get_by_role("navigation", name="Services").get_by_role("link", name="Map").click()
    expect(page).to_have_url(re.compile(r"/map/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")  # the choice sticks
    expect(page.locator("#map.leaflet-container, #map .leaflet-container").first).to_be_visible()


def test_a_resident_logs_in_and_out(page: Page, member_user):
    log_in(page, member_user.email)
    expect(page.locator("details.menu-account > summary")).to_contain_text("Bob")
    log_out(page)
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("déconnecté")


def test_the_language_choice_persists_across_pages_and_visits(page: Page, context):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert any(cookie["name"] == "django_language" for cookie in context.cookies())
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Getting around")
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_the_map_opens_from_the_menu(page: Page):
    page.goto("/")
    page.get_by_role("navigation", name="Services").get_by_role("link", name="Carte").click()
    expect(page).to_have_url(re.compile(r"/map/$"))
    expect(page.locator("#map")).to_be_visible()
    expect(page.locator(".leaflet-container").first).to_be_visible()
