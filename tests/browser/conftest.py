"""Headless Chromium for end-to-end tests: Playwright's sync API against the live_server.

Chromium comes from the system (`make browser-deps` installs the Debian package); Playwright's own
browser download is not used. Every request leaving localhost is aborted, so the tests never touch
the network (map tiles included).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
MOBILE = {"width": 390, "height": 844}
# On failure, the page's screenshot and HTML land here (kept by CI as artefacts).
FAILURES_DIR = Path(__file__).resolve().parents[2] / "var" / "browser-failures"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


def _keep_evidence(request: pytest.FixtureRequest, page: Page) -> None:
    if not getattr(request.node, "browser_test_failed", False) or page.is_closed():
        return
    FAILURES_DIR.mkdir(parents=True, exist_ok=True)
    name = request.node.name.replace("/", "_")[:120]
    page.screenshot(path=FAILURES_DIR / f"{name}.png", full_page=True)
    (FAILURES_DIR / f"{name}.html").write_text(f"<!-- {page.url} -->\n{page.content()}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from
        # a thread with a running loop unless told it is safe. It is: the loop only drives the
        # browser. Set only while browser tests run, so that other tests keep the check.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _local_only(blocked: list[str]):
    def handle(route: Route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    return handle


@pytest.fixture
def blocked_requests() -> list[str]:
    """The URLs a page tried to fetch outside localhost (aborted)."""
    return []


def new_context(browser: Browser, live_server, blocked: list[str], **options) -> BrowserContext:
    # A French resident: French is their browser's language.
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", **options)
    context.set_default_timeout(10_000)
    context.route("**/*", _local_only(blocked))
    return context


@pytest.fixture
def context(browser: Browser, live_server, blocked_requests) -> Iterator[BrowserContext]:
    context = new_context(browser, live_server, blocked_requests)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = context.new_page()
    yield page
    _keep_evidence(request, page)


@pytest.fixture
def mobile_page(
    browser: Browser, live_server, blocked_requests, request: pytest.FixtureRequest
) -> Iterator[Page]:
    context = new_context(
        browser, live_server, blocked_requests, viewport=MOBILE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    _keep_evidence(request, page)
    context.close()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    # allauth's rate limits live in the cache, which the live server thread shares with the tests.
    cache.clear()
