"""Take the README screenshots from a running Smart Village; this script starts no server.

    make demo                                   # in another terminal
    .venv/bin/python scripts/screenshots.py     # or --base-url https://demo.example.org

It writes docs/screenshots/home-fr.png (desktop), home-en-mobile.png (390 px wide, after pressing
the language switch), map.png, and one picture per service seen by the demo operator (logged in
with the demo password): transport.png, carsharing.png, rideshare.png, thirdplaces.png.
Chromium is the system one (`make browser-deps`). With --offline, requests that leave the
server (map tiles) are blocked.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
# The demo operator of La Paz (smartvillage load_demo); the password is the demo's, printed by it.
DEMO_LOGIN = "operator@example.org"
DEMO_PASSWORD = "vercors-demo"
SERVICES = [
    ("transport", "/transport/la-paz/operate/phone/"),
    ("carsharing", "/carsharing/"),
    ("rideshare", "/rideshare/stops/"),
    ("thirdplaces", "/third-places/"),
]


def new_page(browser: Browser, base_url: str, offline: bool, **options) -> Page:
    context = browser.new_context(base_url=base_url, locale="fr-FR", **options)
    context.set_default_timeout(15_000)
    if offline:
        host = urlsplit(base_url).hostname

        def same_host_only(route: Route) -> None:
            if urlsplit(route.request.url).hostname == host:
                route.continue_()
            else:
                route.abort("blockedbyclient")

        context.route("**/*", same_host_only)
    return context.new_page()


def settle(page: Page) -> None:
    # Slow or unreachable tiles: take the picture anyway.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_load_state("networkidle", timeout=10_000)


def take(browser: Browser, base_url: str, out: Path, offline: bool) -> list[Path]:
    written = []

    page = new_page(browser, base_url, offline, viewport=DESKTOP)
    page.goto("/")
    page.screenshot(path=out / "home-fr.png", full_page=True)
    written.append(out / "home-fr.png")
    page.context.close()

    page = new_page(browser, base_url, offline, viewport=MOBILE, is_mobile=True, has_touch=True)
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    page.screenshot(path=out / "home-en-mobile.png", full_page=True)
    written.append(out / "home-en-mobile.png")
    page.context.close()

    page = new_page(browser, base_url, offline, viewport=DESKTOP)
    page.goto("/map/")
    page.wait_for_selector(".leaflet-container")
    settle(page)
    page.screenshot(path=out / "map.png")
    written.append(out / "map.png")
    page.context.close()

    page = new_page(browser, base_url, offline, viewport=DESKTOP)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", DEMO_LOGIN)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    for name, path in SERVICES:
        page.goto(path)
        settle(page)
        page.screenshot(path=out / f"{name}.png")
        written.append(out / f"{name}.png")
    page.context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "docs/screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--offline", action="store_true", help="block requests to other hosts")
    args = parser.parse_args(argv)

    base_url = args.base_url.rstrip("/")
    try:
        urllib.request.urlopen(f"{base_url}/healthz", timeout=5)  # noqa: S310 - operator's URL
    except (urllib.error.URLError, OSError) as exc:
        print(f"No Smart Village answers at {base_url} ({exc}); start one with `make demo`.")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        try:
            written = take(browser, base_url, args.out, args.offline)
        finally:
            browser.close()
    for path in written:
        print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
