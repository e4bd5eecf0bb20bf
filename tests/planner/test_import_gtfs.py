"""The import_gtfs command: report, transaction, replacement."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from smartvillage.planner.models import Feed, TransitStop

from .conftest import DATA


def test_it_imports_a_feed_and_prints_the_report(db):
    out = io.StringIO()
    call_command("import_gtfs", str(DATA / "google_sample"), "--slug", "sample", stdout=out)
    feed = Feed.objects.get(slug="sample")
    assert feed.stop_count == 10
    assert TransitStop.objects.filter(feed=feed).count() == 10
    assert "stops.txt: 10 rows kept" in out.getvalue()
    assert "0 rows rejected" in out.getvalue()


def test_it_lists_rejected_rows_with_file_and_line(db, tmp_path):
    for child in (DATA / "google_sample").iterdir():
        (tmp_path / child.name).write_text(child.read_text())
    stops = tmp_path / "stops.txt"
    stops.write_text(stops.read_text().rstrip("\n") + "\nBAD,Nowhere,,north,-116.8,,,\n")
    out = io.StringIO()
    call_command("import_gtfs", str(tmp_path), "--slug", "sample", stdout=out)
    assert "stops.txt:13: rejected: stop 'BAD': stop_lat/stop_lon are not numbers" in out.getvalue()
    assert Feed.objects.get(slug="sample").rejected_rows == 1


def test_too_many_rejections_import_nothing_and_keep_the_previous_version(db, tmp_path):
    call_command("import_gtfs", str(DATA / "google_sample"), "--slug", "sample",
                 stdout=io.StringIO())  # fmt: skip
    for child in (DATA / "google_sample").iterdir():
        (tmp_path / child.name).write_text(child.read_text())
    (tmp_path / "stop_times.txt").write_text(
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nAB1,8:00:00,8:00:00,NOPE,1\n"
    )
    with pytest.raises(CommandError, match="rejected"):
        call_command("import_gtfs", str(tmp_path), "--slug", "sample", "--max-rejected", "0",
                     stdout=io.StringIO())  # fmt: skip
    assert Feed.objects.get(slug="sample").trip_count > 0
    assert TransitStop.objects.filter(feed__slug="sample").count() == 10


def test_a_feed_without_required_files_is_refused(db, tmp_path):
    (tmp_path / "stops.txt").write_text("stop_id,stop_name,stop_lat,stop_lon\n")
    with pytest.raises(CommandError, match="missing required file"):
        call_command("import_gtfs", str(tmp_path), stdout=io.StringIO())
    assert not Feed.objects.exists()


def test_importing_again_replaces_the_feed(db):
    for _ in range(2):
        call_command("import_gtfs", str(DATA / "vercors_demo"), "--slug", "v",
                     stdout=io.StringIO())  # fmt: skip
    assert Feed.objects.count() == 1
    assert TransitStop.objects.count() == Feed.objects.get().stop_count


def test_load_demo_loads_the_invented_vercors_timetable(db):
    call_command("load_planner_demo", allow_production=True, stdout=io.StringIO())
    call_command("load_planner_demo", allow_production=True, stdout=io.StringIO())
    feed = Feed.objects.get(slug="vercors-demo")
    assert feed.invented
    assert feed.stop_count == 11
