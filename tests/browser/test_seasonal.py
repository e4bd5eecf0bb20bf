"""Seasonal work in Chromium: an employer posts a job, a worker finds it and applies, the
employer accepts, and the worker sees the answer (no request leaves localhost)."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.seasonal.models import Application, Intercommunality, Job, Season
from smartvillage.territory.models import Commune
from tests.browser.conftest import new_context
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def resort(db, make_user):
    villard = Commune.objects.create(insee_code="38548", name="Villard-de-Lans",
                                     departement="38", latitude=45.06, longitude=5.54)  # fmt: skip
    area = Intercommunality.objects.create(name="Massif du Vercors", slug="vercors")
    season = Season.objects.create(
        intercommunality=area, kind="winter", name="Hiver 2026-2027",
        starts_on=date(2026, 12, 19), ends_on=date(2027, 4, 4),
    )  # fmt: skip
    employer = Organisation.objects.create(name="Remontées de Villard", slug="remontees",
                                           kind=Organisation.Kind.EMPLOYER)  # fmt: skip
    boss = make_user("boss@example.org", first_name="Claire", last_name="Faure")
    Membership.objects.create(user=boss, organisation=employer, role=Membership.Role.ADMIN)
    make_user("yanis@example.org", first_name="Yanis", last_name="Roux")
    return villard, season, employer


def log_in(page: Page, email: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form", has=page.locator("input[name=password]")).locator("[type=submit]").click()


def test_an_employer_posts_a_worker_applies_and_the_employer_answers(
    browser, live_server, blocked_requests, resort
):
    villard, season, employer = resort
    boss = new_context(browser, live_server, blocked_requests).new_page()
    log_in(boss, "boss@example.org", "/seasonal/manage/remontees/jobs/new/")
    boss.get_by_label("Titre").fill("Conducteur de télésiège")
    boss.get_by_label("Description").fill("Accueillir les skieurs au télésiège.")
    boss.get_by_label("Code ROME").select_option("G1205")
    boss.get_by_label("Saison").select_option(str(season.pk))
    boss.get_by_label("Commune").select_option(str(villard.pk))
    boss.get_by_label("Début", exact=False).fill("2026-12-19")
    boss.get_by_label("Fin").fill("2027-04-04")
    boss.get_by_label("Heures par semaine").fill("35")
    boss.get_by_label("Salaire horaire brut (€)").fill("12.50")
    boss.get_by_role("button", name="Publier").click()
    expect(boss.locator("h1")).to_contain_text("Conducteur de télésiège")
    job = Job.objects.get()

    worker = new_context(browser, live_server, blocked_requests).new_page()
    log_in(worker, "yanis@example.org", "/seasonal/")
    worker.get_by_label("Mots").fill("télésiège")
    worker.get_by_role("button", name="Rechercher").click()
    worker.get_by_role("link", name="Conducteur de télésiège").click()
    worker.get_by_label("Message à l'employeur").fill("Trois hivers au télésiège.")
    worker.get_by_role("button", name="Envoyer ma candidature").click()
    expect(worker.locator("h1")).to_have_text("Mes candidatures")
    expect(worker.locator("main li strong")).to_have_text("Envoyée")

    boss.goto(f"/seasonal/manage/remontees/jobs/{job.pk}/")
    expect(boss.get_by_text("Yanis Roux")).to_be_visible()
    boss.get_by_label("Réponse").select_option("accepted")
    boss.get_by_label("Message").fill("Bienvenue dans l'équipe !")
    boss.get_by_role("button", name="Réponse").click()
    expect(boss.get_by_text("Votre réponse est envoyée.")).to_be_visible()
    assert Application.objects.get().status == Application.Status.ACCEPTED

    worker.reload()
    expect(worker.locator("main li strong")).to_have_text("Acceptée")
    expect(worker.get_by_text("Bienvenue dans l'équipe !")).to_be_visible()
    assert blocked_requests == []
