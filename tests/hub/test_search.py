"""Full-text search across actors, sheets, events and resources: PostgreSQL full-text search
(French and English configurations) or the SQLite fallback. Run on both:
``DATABASE_URL=postgres://... pytest tests/hub``."""

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvillage.hub import search
from smartvillage.hub.models import Actor, Event, Initiative, Resource, Status


@pytest.fixture
def corpus(db, author):
    sheet = Initiative.objects.create(
        title="Autopartage de village", slug="autopartage",
        summary="Une voiture électrique partagée",
        solution_type="service", status=Status.PUBLISHED, author=author,
        lessons="Shared cars need a committed driver network",
    )  # fmt: skip
    Initiative.objects.create(
        title="Voiture en brouillon", slug="brouillon", summary="Une voiture", author=author,
        solution_type="service", status=Status.DRAFT,
    )  # fmt: skip
    actor = Actor.objects.create(
        kind="organisation", name="Vertacoo", slug="vertacoo", consent_listed=True,
        description="Coopérative de covoiturage et de voitures partagées",
    )  # fmt: skip
    Actor.objects.create(
        kind="person", name="Voiture cachée", slug="cachee", consent_listed=False,
        description="voiture",
    )  # fmt: skip
    start = timezone.now() + timedelta(days=2)
    event = Event.objects.create(
        title="Atelier voitures partagées", kind="workshop", starts_at=start,
        ends_at=start + timedelta(hours=2), place_name="La Paz",
    )  # fmt: skip
    resource = Resource.objects.create(
        title="Guide de l'autopartage", kind="link", url="https://example.org/g",
        description="Comment lancer une voiture partagée",
    )  # fmt: skip
    return {"sheet": sheet, "actor": actor, "event": event, "resource": resource}


def test_it_finds_public_things_of_every_kind(corpus):
    found = search.search("voiture")
    assert found["initiatives"] == [corpus["sheet"]]  # the draft is not public
    assert found["actors"] == [corpus["actor"]]  # the unlisted person is not public
    assert found["events"] == [corpus["event"]]
    assert found["resources"] == [corpus["resource"]]


def test_every_word_must_match(corpus):
    assert search.search("voiture électrique")["initiatives"] == [corpus["sheet"]]
    assert search.search("voiture électrique")["actors"] == []
    assert search.search("tracteur")["initiatives"] == []


def test_english_text_is_found(corpus):
    assert search.search("driver")["initiatives"] == [corpus["sheet"]]


@pytest.mark.skipif(not search.uses_postgres(), reason="stemming is PostgreSQL's (fallback: words)")
def test_postgres_stems_french_and_english_words(corpus):
    # "voitures" (plural) finds the singular "voiture"; "drivers" finds "driver".
    assert search.search("voitures")["initiatives"] == [corpus["sheet"]]
    assert search.search("drivers")["initiatives"] == [corpus["sheet"]]
    assert search.search("partagé")["resources"] == [corpus["resource"]]


def test_the_search_page_shows_results(client, corpus):
    body = client.get("/hub/search/", {"q": "voiture"}).content.decode()
    assert "Autopartage de village" in body
    assert "Voiture en brouillon" not in body
    assert "Voiture cachée" not in body


def test_an_empty_query_finds_nothing_and_does_not_fail(client, corpus):
    assert client.get("/hub/search/", {"q": "  "}).context["results"] is None
    assert client.get("/hub/search/", {"q": "\"'-"}).status_code == 200
