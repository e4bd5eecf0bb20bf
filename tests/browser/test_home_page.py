"""The home page and the layout in Chromium: keyboard, phone width, nothing fetched off-site."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import MOBILE, new_context
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def tab_to(page: Page, target: Locator, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target}")


def focus_ring(locator: Locator) -> str:
    style = "getComputedStyle(element)"
    return locator.evaluate(f"element => {style}.outlineStyle + ' ' + {style}.outlineWidth")


def test_tab_reaches_the_skip_link_first_and_it_jumps_to_the_content(page: Page):
    page.goto("/")
    skip = page.locator("a.skip-link")
    expect(skip).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    expect(skip).to_have_text("Aller au contenu principal")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_the_language_switch_works_with_the_keyboard(page: Page):
    page.goto("/")
    english = page.get_by_role("button", name="English")
    tab_to(page, english)
    assert focus_ring(english) == "solid 3px"
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    french = page.get_by_role("button", name="Français")
    tab_to(page, french)
    page.keyboard.press("Space")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(french).to_have_attribute("aria-current", "true")


def test_the_services_menu_opens_and_closes_with_the_keyboard(page: Page):
    page.goto("/")
    summary = page.locator("nav details.menu > summary")
    tab_to(page, summary)
    page.keyboard.press("Enter")
    # The menu's first service link (the journey planner, then on-demand transport...).
    ondemand = page.locator("nav details.menu .menu-list a").first
    expect(ondemand).to_be_visible()
    page.keyboard.press("Tab")
    expect(ondemand).to_be_focused()
    page.keyboard.press("Escape")
    expect(ondemand).to_be_hidden()
    expect(summary).to_be_focused()


def test_the_home_page_fits_a_phone_screen(mobile_page: Page):
    mobile_page.goto("/")
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    for name in ("Se connecter", "Créer un compte", "Carte"):
        box = mobile_page.get_by_role("link", name=name, exact=True).first.bounding_box()
        assert box, name
        assert box["height"] >= 36, f"{name}: touch target {box['height']} px high"
    mobile_page.locator("nav details.menu > summary").tap()
    menu = mobile_page.get_by_role("navigation", name="Services")
    expect(menu.get_by_role("link", name="Emploi saisonnier")).to_be_in_viewport()


def test_the_home_page_fetches_nothing_outside_the_site(page: Page, blocked_requests):
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert blocked_requests == []
    assert failed == []
    stylesheet = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "system-ui" in stylesheet  # site.css was loaded


# Contrast of every piece of text against the first opaque background behind it (WCAG 2.1 AA:
# 4.5:1, or 3:1 for large text). Background images are not handled: the layout uses none.
CONTRAST_FAILURES = """() => {
  const rgba = (value) => value.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const color = rgba(getComputedStyle(node).backgroundColor);
      if (color.length < 4 || color[3] === 1) return color;
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const element of document.body.querySelectorAll("*")) {
    const text = [...element.childNodes]
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent.trim())
      .join("");
    if (!text || !element.getClientRects().length || element.closest(".visually-hidden")) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden") continue;
    const [l1, l2] = [luminance(rgba(style.color)), luminance(background(element))];
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) failures.push(`${text.slice(0, 40)}: ${ratio.toFixed(2)}`);
  }
  return failures;
}"""


def test_every_text_on_the_home_page_has_enough_contrast(page: Page):
    page.goto("/")
    page.locator("nav details.menu > summary").click()  # the open menu's links too
    page.locator("a.skip-link").focus()  # and the skip link once shown
    assert page.evaluate(CONTRAST_FAILURES) == []


def test_every_text_has_enough_contrast_for_a_logged_in_operator(page: Page, admin_user):
    admin_user.is_staff = True
    admin_user.save(update_fields=["is_staff"])
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(admin_user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form", has=page.locator("input[name=password]")).locator("[type=submit]").click()
    page.locator("details.menu-account > summary").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    assert page.evaluate(CONTRAST_FAILURES) == []


def test_the_language_switch_and_menus_work_without_javascript(
    browser, live_server, blocked_requests
):
    context = new_context(browser, live_server, blocked_requests, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("nav details.menu > summary").click()
    menu = page.get_by_role("navigation", name="Services")
    expect(menu.get_by_role("link", name="Seasonal work")).to_be_visible()
    context.close()
