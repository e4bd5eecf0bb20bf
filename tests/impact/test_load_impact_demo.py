"""load_impact_demo: a challenge and an event kit, indicators recomputed; safe to run twice."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from smartvillage.impact.models import CarpoolEvent, Challenge


def test_it_loads_a_challenge_and_an_event_twice_without_duplicates(db, settings):
    settings.DEBUG = True
    for _i in range(2):
        out = StringIO()
        call_command("load_impact_demo", stdout=out)
    assert Challenge.objects.filter(slug="km-sans-voiture").count() == 1
    assert CarpoolEvent.objects.filter(slug="fete-du-bleu").count() == 1
    assert "ademe-impactco2-2026-12" in out.getvalue()
