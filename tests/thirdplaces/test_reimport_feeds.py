"""The periodic re-import (``reimport_thirdplace_feeds``, task ``thirdplaces.reimport_feeds``)
reads again every feed an agenda came from; an unreadable one is reported, the others go on."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from smartvillage.thirdplaces.ical_import import import_feed, read_source
from smartvillage.thirdplaces.models import Event
from smartvillage.thirdplaces.tasks import reimport_feeds

from .conftest import NOW

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.usefixtures("_now")


@pytest.fixture
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_changed_feed_is_imported_again(colo, tmp_path):
    source = tmp_path / "fab.ics"
    shutil.copy(DATA / "recurring.ics", source)
    import_feed(colo, read_source(str(source)), source=str(source))
    assert Event.objects.filter(status=Event.Status.CANCELLED).count() == 0
    shutil.copy(DATA / "recurring_updated.ics", source)  # two events gone from the feed
    reimport_feeds.apply().get()
    assert Event.objects.filter(status=Event.Status.CANCELLED).count() == 2


def test_an_unreadable_feed_is_reported_and_skipped(colo, tmp_path):
    source = tmp_path / "gone.ics"
    shutil.copy(DATA / "recurring.ics", source)
    import_feed(colo, read_source(str(source)), source=str(source))
    source.unlink()
    err = StringIO()
    call_command("reimport_thirdplace_feeds", stderr=err, stdout=StringIO())
    assert "gone.ics" in err.getvalue()
    assert Event.objects.filter(status=Event.Status.CONFIRMED).exists()
