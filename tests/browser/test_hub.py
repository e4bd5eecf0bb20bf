"""The hub in Chromium (French, the default language): an actor writes an experience sheet
and sends it for review; the territory staff publish it; a visitor then reads it. The
directory map draws a marker per listed actor (no request leaves localhost)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.hub.models import Actor, Initiative, Status
from smartvillage.territory.models import Commune

from .test_thirdplaces import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def territory(db):
    commune = Commune.objects.create(
        insee_code="26074", name="La Chapelle-en-Vercors", departement="26", population=650,
        latitude=44.97, longitude=5.41,
    )  # fmt: skip
    park = Organisation.objects.create(name="Parc", slug="parc", kind="public_body")
    return commune, park


def test_an_actor_writes_a_sheet_and_the_territory_staff_publish_it(
    page: Page, territory, make_user, blocked_requests
):
    commune, park = territory
    make_user("autrice@example.org", first_name="Inès")
    moderator = make_user("moderation@example.org", first_name="Claire")
    Membership.objects.create(user=moderator, organisation=park, role="operator")

    log_in(page, "autrice@example.org", "/hub/initiatives/new/")
    page.locator("input[name=title]").fill("Autostop organisé du plateau")
    page.locator("textarea[name=summary]").fill("Des arrêts signalés et des membres vérifiés.")
    page.locator("select[name=solution_type]").select_option("service")
    page.locator("input[name=dimensions][value=mobility]").check()
    page.locator("input[name=commune_codes]").fill("26074")
    page.locator("textarea[name=lessons]").fill("La confiance se construit.")
    page.locator("form.form [type=submit]").click()

    expect(page).to_have_url(re.compile(r"/hub/initiatives/autostop-organise-du-plateau/$"))
    expect(page.locator("main")).to_contain_text("Brouillon")
    page.get_by_role("button", name="Envoyer en relecture").click()
    expect(page.locator("main")).to_contain_text("En attente de relecture")
    assert Initiative.objects.get().status == Status.REVIEW

    page.context.clear_cookies()
    log_in(page, "moderation@example.org", "/hub/moderation/")
    page.get_by_role("link", name="Autostop organisé du plateau").click()
    page.get_by_role("button", name="Publier").click()
    expect(page.locator("main")).to_contain_text("La fiche est publiée.")

    page.context.clear_cookies()
    page.goto("/hub/initiatives/")
    page.get_by_role("link", name="Autostop organisé du plateau").click()
    expect(page.locator("h1")).to_have_text("Autostop organisé du plateau")
    expect(page.locator("main")).to_contain_text("La Chapelle-en-Vercors (26074)")
    expect(page.locator("main")).to_contain_text("La confiance se construit.")
    assert Initiative.objects.get().status == Status.PUBLISHED
    assert blocked_requests == []


def test_the_directory_map_draws_a_marker_per_listed_actor(page: Page, territory):
    commune, _park = territory
    for slug, listed in [("a", True), ("b", True), ("c", False)]:
        actor = Actor.objects.create(kind="person", name=slug, slug=slug, consent_listed=listed)
        actor.communes.add(commune)
    page.goto("/hub/actors/")
    expect(page.locator("#map.leaflet-container")).to_be_visible()
    expect(page.locator("#map")).to_have_attribute("data-markers", "2")
    expect(page.locator("#map-status")).to_have_text("")
    expect(page.locator("#list article")).to_have_count(2)
