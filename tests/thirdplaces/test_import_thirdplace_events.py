"""import_thirdplace_events: an external iCalendar feed into a place's agenda (local files)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from smartvillage.thirdplaces.models import Event

from .conftest import paris

DATA = Path(__file__).parent / "data"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_thirdplace_events", *args, stdout=out)
    return out.getvalue()


def test_it_imports_every_event_of_the_feed(colo):
    output = run(colo.slug, str(DATA / "fabmanager.ics"))
    assert "3 créés" in output
    laser = Event.objects.get(uid="fabmanager-event-101@fab.example.org")
    assert laser.third_place == colo
    assert laser.title == "Initiation découpe laser"
    assert laser.description == "Habilitation machine, sur inscription."
    assert (laser.starts_at, laser.ends_at) == (paris(2026, 4, 10, 14), paris(2026, 4, 10, 17))
    open_lab = Event.objects.get(uid="fabmanager-event-102@fab.example.org")
    assert open_lab.ends_at == paris(2026, 4, 15, 20)  # 16:00 UTC + PT2H, in Paris summer time
    all_day = Event.objects.get(uid="fabmanager-event-103@fab.example.org")
    assert all_day.starts_at == paris(2026, 5, 2, 0)


def test_importing_again_is_idempotent_and_updates_by_uid(colo):
    run(colo.slug, str(DATA / "fabmanager.ics"))
    assert "3 inchangés" in run(colo.slug, str(DATA / "fabmanager.ics"))
    output = run(colo.slug, str(DATA / "fabmanager_updated.ics"))
    assert "0 créés, 1 mis à jour, 2 inchangés" in output
    assert Event.objects.count() == 3
    assert Event.objects.get(uid="fabmanager-event-101@fab.example.org").title.endswith("(complet)")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad_dtstart.ics", "ligne 32 : événement fabmanager-event-102@fab.example.org"),
        ("missing_uid.ics", "ligne 36 : événement sans UID"),
        ("broken_line.ics", "ligne 34 : illisible"),
    ],
)
def test_a_bad_feed_names_the_line_and_event_and_changes_nothing(colo, name, expected):
    with pytest.raises(CommandError) as exc:
        run(colo.slug, str(DATA / name))
    assert expected in str(exc.value)
    assert Event.objects.count() == 0


def test_it_refuses_a_file_that_is_not_a_calendar(colo, tmp_path):
    path = tmp_path / "agenda.ics"
    path.write_text("<html>Not found</html>")
    with pytest.raises(CommandError, match="ligne 1 : le flux ne commence pas par BEGIN:VCALENDAR"):
        run(colo.slug, str(path))


def test_it_reports_an_unknown_place_or_missing_file(colo, tmp_path):
    with pytest.raises(CommandError, match="tiers-lieu inconnu 'nowhere'"):
        run("nowhere", str(DATA / "fabmanager.ics"))
    with pytest.raises(CommandError, match="missing.ics : illisible"):
        run(colo.slug, str(tmp_path / "missing.ics"))


def test_the_messages_are_in_the_language_in_use(colo, tmp_path):
    path = tmp_path / "agenda.ics"
    path.write_text("<html>Not found</html>")
    with translation.override("en"), pytest.raises(CommandError) as english:
        run(colo.slug, str(path))
    with translation.override("fr"), pytest.raises(CommandError) as french:
        run(colo.slug, str(path))
    assert str(english.value) == f"{path}: line 1: the feed does not start with BEGIN:VCALENDAR"
    assert str(french.value) == f"{path} : ligne 1 : le flux ne commence pas par BEGIN:VCALENDAR"
    with translation.override("en"), pytest.raises(CommandError, match="unknown third place"):
        run("nowhere", str(path))
