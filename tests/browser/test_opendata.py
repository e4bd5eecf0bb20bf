"""The open-data catalogue in Chromium: a visitor goes from the catalogue to a dataset, sees the
preview of its CSV and downloads the file; on a phone the wide preview scrolls inside its box
instead of widening the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from smartvillage.accounts.models import Organisation
from smartvillage.territory.models import Commune
from smartvillage.thirdplaces.models import ThirdPlace

pytestmark = pytest.mark.browser


@pytest.fixture
def places(db):
    org = Organisation.objects.create(
        name="La Jolie Colo", slug="la-jolie-colo", kind=Organisation.Kind.THIRD_PLACE
    )
    autrans = Commune.objects.create(insee_code="38225", name="Autrans-Méaudre en Vercors",
                                     departement="38", population=2936, latitude=45.168,
                                     longitude=5.545)  # fmt: skip
    for slug, name in [("la-jolie-colo", "La Jolie Colo"), ("cowork-lans", "Cowork Lans")]:
        ThirdPlace.objects.create(
            organisation=org, name=name, slug=slug, commune=autrans, latitude=45.17,
            longitude=5.54, has_coworking=True, address="Route d'Autrans, 38880 Autrans",
            accessibility="Accès de plain-pied, toilettes adaptées, parking à 50 m.",
        )  # fmt: skip


def test_a_visitor_previews_and_downloads_a_dataset(page: Page, places, blocked_requests):
    page.goto("/open-data/")
    page.get_by_role("link", name="Tiers-lieux du territoire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiers-lieux du territoire")
    preview = page.locator("section", has_text="Aperçu : Tiers-lieux (CSV)")
    expect(preview.locator("tbody tr")).to_have_count(2)
    expect(preview.locator("thead")).to_contain_text("insee_code")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tiers-lieux (CSV)").click()
    assert download.value.suggested_filename == "tiers-lieux.csv"
    assert blocked_requests == []


def test_on_a_phone_the_preview_scrolls_in_its_box(mobile_page: Page, places):
    mobile_page.goto("/open-data/datasets/thirdplaces-directory/")
    box = mobile_page.locator(".table-scroll").first
    expect(box).to_be_visible()
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    page_width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= mobile_page.viewport_size["width"]
