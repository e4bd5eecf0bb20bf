"""Recurring events of an imported feed (RRULE, RDATE, EXDATE, a moved occurrence), expanded
with recurring-ical-events; events gone from the feed are cancelled and their people told."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from smartvillage.thirdplaces.ical_import import import_feed
from smartvillage.thirdplaces.models import Event, Registration

from .conftest import NOW, paris

DATA = Path(__file__).parent / "data"
OPENLAB = "openlab@fab.example.org"
pytestmark = pytest.mark.usefixtures("_now")


@pytest.fixture
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_thirdplace_events", *args, stdout=out)
    return out.getvalue()


def feed(name: str) -> str:
    return (DATA / name).read_text()


def test_a_weekly_event_is_expanded_with_its_exceptions(colo):
    output = run(colo.slug, str(DATA / "recurring.ics"))
    assert "7 créés" in output
    starts = list(
        Event.objects.filter(uid=OPENLAB).order_by("starts_at").values_list("starts_at", flat=True)
    )
    assert starts == [
        paris(2026, 3, 4, 18),
        paris(2026, 3, 11, 18),
        # 18 March: EXDATE
        paris(2026, 3, 21, 10),  # RDATE
        paris(2026, 3, 26, 18),  # the 25th, moved (RECURRENCE-ID)
        paris(2026, 4, 1, 18),  # after the change to summer time: still 18:00 in Paris
        paris(2026, 4, 8, 18),
    ]
    moved = Event.objects.get(uid=OPENLAB, recurrence_id="20260325T170000Z")
    assert moved.title == "Open lab (jeudi exceptionnellement)"
    assert Event.objects.get(uid="cafe-numerique@fab.example.org").recurrence_id == ""


def test_importing_again_changes_nothing(colo):
    run(colo.slug, str(DATA / "recurring.ics"))
    assert "0 créés, 0 mis à jour, 7 inchangés, 0 annulés" in run(
        colo.slug, str(DATA / "recurring.ics")
    )
    assert Event.objects.count() == 7


def test_the_horizon_limits_the_expansion(colo):
    output = run(colo.slug, str(DATA / "recurring.ics"), "--horizon", "14")
    assert "3 créés" in output  # the open labs of 4 and 11 March, the café of 6 March
    assert Event.objects.filter(uid=OPENLAB, starts_at__gte=paris(2026, 3, 16)).count() == 0


def test_removed_occurrences_and_events_are_cancelled_and_people_told(
    colo, coworker, mailoutbox, django_capture_on_commit_callbacks
):
    import_feed(colo, feed("recurring.ics"), source="fab")
    first_april = Event.objects.get(uid=OPENLAB, starts_at=paris(2026, 4, 1, 18))
    Registration.objects.create(event=first_april, user=coworker)
    with django_capture_on_commit_callbacks(execute=True):
        result = import_feed(colo, feed("recurring_updated.ics"), source="fab")
    assert (result.cancelled, result.told) == (2, 1)
    first_april.refresh_from_db()
    assert first_april.status == Event.Status.CANCELLED
    cafe = Event.objects.get(uid="cafe-numerique@fab.example.org")
    assert cafe.status == Event.Status.CANCELLED
    assert Event.objects.filter(status=Event.Status.CONFIRMED).count() == 5
    [message] = mailoutbox
    assert message.to == ["cora@example.org"]
    assert "Open lab du mercredi" in message.subject


def test_past_events_and_other_sources_are_left_alone(colo):
    import_feed(colo, feed("recurring.ics"), source="fab")
    other = Event.objects.create(third_place=colo, title="Autre flux", uid="x@other",
                                 imported_from="nextcloud", starts_at=paris(2026, 3, 20, 9),
                                 ends_at=paris(2026, 3, 20, 10))  # fmt: skip
    with time_machine.travel(paris(2026, 3, 12, 9), tick=False):
        result = import_feed(colo, feed("recurring_updated.ics"), source="fab")
    assert result.cancelled == 1  # 1 April; the café of 6 March is past; "x@other" not ours
    assert Event.objects.get(uid="cafe-numerique@fab.example.org").status == "confirmed"
    other.refresh_from_db()
    assert other.status == Event.Status.CONFIRMED


def test_a_bad_recurrence_names_its_line_and_changes_nothing(colo):
    with pytest.raises(CommandError) as exc:
        run(colo.slug, str(DATA / "bad_rrule.ics"))
    expected = "ligne 31 : événement openlab@fab.example.org (à partir de la ligne 26)"
    assert expected in str(exc.value)
    assert Event.objects.count() == 0


# --- The manager's upload page -------------------------------------------------------------------


def test_a_manager_uploads_a_feed(client, manager, colo):
    client.force_login(manager)
    address = reverse("thirdplaces:events_import", args=["la-jolie-colo", colo.slug])
    assert client.get(address).status_code == 200
    upload = SimpleUploadedFile("agenda.ics", (DATA / "recurring.ics").read_bytes())
    response = client.post(address, {"feed": upload})
    assert response.status_code == 302
    assert Event.objects.filter(third_place=colo, imported_from="upload").count() == 7


def test_an_uploaded_bad_feed_is_a_field_error(client, manager, colo):
    client.force_login(manager)
    address = reverse("thirdplaces:events_import", args=["la-jolie-colo", colo.slug])
    upload = SimpleUploadedFile("agenda.ics", (DATA / "bad_rrule.ics").read_bytes())
    response = client.post(address, {"feed": upload})
    assert response.status_code == 422
    assert "ligne 31 : événement openlab" in str(response.context["form"].errors["feed"])
    assert not Event.objects.exists()
