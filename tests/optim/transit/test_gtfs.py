"""The GTFS reader: what it keeps, what it rejects (file, line, reason), what it refuses."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from smartvillage.optim.transit import FeedError, read_feed
from smartvillage.optim.transit.synthetic import generate

FEEDS = Path(__file__).resolve().parents[3] / "src/smartvillage/planner/data/gtfs"

GOOD = {
    "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nA,Bus,https://x.org,Europe/Paris\n",
    "stops.txt": "stop_id,stop_name,stop_lat,stop_lon\nS1,Un,45.0,5.4\nS2,Deux,45.01,5.41\n",
    "routes.txt": "route_id,route_short_name,route_long_name,route_type\nR,1,,3\n",
    "trips.txt": "route_id,service_id,trip_id\nR,WK,T1\n",
    "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
    "T1,08:00:00,08:00:00,S1,1\nT1,08:20:00,08:21:00,S2,2\n",
    "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
    "start_date,end_date\nWK,1,1,1,1,1,0,0,20260101,20261231\n",
}


def with_(**changes):
    return {**GOOD, **{k.replace("_txt", ".txt"): v for k, v in changes.items()}}


def test_it_reads_a_valid_feed_without_rejections():
    feed, report = read_feed(GOOD)
    assert report.ok
    assert not report.warnings
    assert feed.stop_times["T1"][1].arrival == 8 * 3600 + 20 * 60
    assert feed.stop_times["T1"][1].departure == 8 * 3600 + 21 * 60
    assert report.kept["stop_times.txt"] == 2


def test_it_reports_each_bad_row_with_its_file_line_and_reason():
    feed, report = read_feed(
        with_(
            stops_txt=GOOD["stops.txt"] + "S3,Bad,north,5.4\nS1,Again,45.0,5.4\nS4,Zero,0,0\n",
            stop_times_txt=GOOD["stop_times.txt"]
            + "T1,08:10:00,08:10:00,S9,3\nT2,08:00:00,08:00:00,S1,1\nT1,8:61:00,8:61:00,S1,4\n",
        )
    )
    found = {(r.file, r.line) for r in report.rejected}
    assert ("stops.txt", 4) in found  # not a number
    assert ("stops.txt", 5) in found  # duplicate
    assert ("stops.txt", 6) in found  # 0, 0
    assert ("stop_times.txt", 4) in found  # unknown stop
    assert ("stop_times.txt", 5) in found  # unknown trip
    assert ("stop_times.txt", 6) in found  # bad minutes
    reasons = " ".join(r.reason for r in report.rejected)
    assert "duplicate stop_id 'S1'" in reasons
    assert "unknown stop_id 'S9'" in reasons
    # The valid rows are kept.
    assert set(feed.stops) == {"S1", "S2"}
    assert len(feed.stop_times["T1"]) == 2


def test_it_rejects_times_that_go_backwards_and_trips_left_with_one_stop():
    feed, report = read_feed(
        with_(
            stop_times_txt="trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
            "T1,08:00:00,08:00:00,S1,1\nT1,07:50:00,07:50:00,S2,2\n"
        )
    )
    assert "T1" not in feed.trips
    reasons = [r.reason for r in report.rejected]
    assert any("backwards" in r for r in reasons)
    assert any("fewer than two" in r for r in reasons)


def test_it_rejects_unknown_references_in_trips_and_transfers():
    feed, report = read_feed(
        with_(
            trips_txt=GOOD["trips.txt"] + "NOPE,WK,T2\nR,HOLIDAY,T3\n",
            transfers_txt="from_stop_id,to_stop_id,transfer_type,min_transfer_time\n"
            "S1,S9,2,60\nS1,S2,2,\nS1,S2,0,\n",
        )
    )
    lines = {(r.file, r.line) for r in report.rejected}
    assert {("trips.txt", 3), ("trips.txt", 4), ("transfers.txt", 2), ("transfers.txt", 3)} <= lines
    assert len(feed.transfers) == 1


def test_a_missing_required_file_or_column_refuses_the_feed():
    files = dict(GOOD)
    del files["stop_times.txt"]
    with pytest.raises(FeedError, match="stop_times.txt"):
        read_feed(files)
    with pytest.raises(FeedError, match="stop_lat|stop_id"):
        read_feed(with_(stops_txt="stop_name,stop_lat\nx,1\n"))
    no_calendar = dict(GOOD)
    del no_calendar["calendar.txt"]
    with pytest.raises(FeedError, match="calendar"):
        read_feed(no_calendar)


def test_calendar_dates_add_and_remove_days():
    feed, _ = read_feed(
        with_(calendar_dates_txt="service_id,date,exception_type\nWK,20261207,2\nWK,20261212,1\n")
    )
    assert not feed.runs_on("WK", date(2026, 12, 7))  # a Monday, removed
    assert feed.runs_on("WK", date(2026, 12, 8))
    assert feed.runs_on("WK", date(2026, 12, 12))  # a Saturday, added
    assert not feed.runs_on("WK", date(2026, 12, 13))


def test_it_reads_a_zip_archive(tmp_path):
    path = tmp_path / "feed.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in GOOD.items():
            archive.writestr(name, text)
    feed, report = read_feed(path)
    assert report.ok
    assert set(feed.trips) == {"T1"}


def test_it_expands_frequencies_into_trips():
    feed, report = read_feed(FEEDS / "google_sample")
    assert report.ok, report.lines()
    # STBA runs every 30 minutes from 6:00 to 22:00: 32 trips.
    assert sum(1 for t in feed.trips if t.startswith("STBA@")) == 32


def test_the_vercors_demo_feed_is_clean():
    feed, report = read_feed(FEEDS / "vercors_demo")
    assert report.ok, report.lines()
    assert len(feed.stops) >= 10


def test_the_generated_feed_reads_without_rejections():
    feed, report = read_feed(generate(200, seed=3))
    assert report.ok, report.lines()[:5]
    assert len(feed.stops) == 200
    assert feed.trips
