"""GTFS reader with validation: a feed in plain dataclasses and a report of every rejected row.

Pure Python (``csv`` of the standard library, no Django). The reader keeps what the journey
planner needs of the GTFS Schedule reference (https://gtfs.org/documentation/schedule/reference/):
agencies, stops, routes, trips, stop times, ``calendar.txt``, ``calendar_dates.txt``
exceptions, ``transfers.txt`` and ``frequencies.txt`` (expanded into trips). A row that breaks
the reference (a missing required field, an unknown reference, a time that goes backwards...)
is left out and reported with its file, line and reason; the rest of the feed is kept, the way
validators such as MobilityData's gtfs-validator report notices without stopping. A missing
required file or column is an error of the whole feed (:class:`FeedError`).
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REQUIRED_FILES = ("stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
REQUIRED_COLUMNS = {
    "stops.txt": ("stop_id",),
    "routes.txt": ("route_id", "route_type"),
    "trips.txt": ("route_id", "service_id", "trip_id"),
    "stop_times.txt": ("trip_id", "stop_id", "stop_sequence"),
    "calendar.txt": (
        "service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "start_date", "end_date",
    ),
    "calendar_dates.txt": ("service_id", "date", "exception_type"),
    "transfers.txt": ("from_stop_id", "to_stop_id", "transfer_type"),
    "frequencies.txt": ("trip_id", "start_time", "end_time", "headway_secs"),
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class FeedError(ValueError):
    """The feed cannot be read at all (a required file or column is missing)."""


@dataclass(frozen=True, slots=True)
class Rejection:
    file: str
    line: int  # 1 is the header: the first data row is line 2
    reason: str


@dataclass
class Report:
    """What was kept (rows per file) and what was rejected (with file, line and reason)."""

    kept: dict[str, int] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def reject(self, file: str, line: int, reason: str) -> None:
        self.rejected.append(Rejection(file, line, reason))

    @property
    def ok(self) -> bool:
        return not self.rejected

    def lines(self) -> list[str]:
        """The report as text, one line per fact (the import command prints it)."""
        out = [f"{name}: {count} rows kept" for name, count in sorted(self.kept.items())]
        out += [f"{r.file}:{r.line}: rejected: {r.reason}" for r in self.rejected]
        out += [f"warning: {w}" for w in self.warnings]
        return out


@dataclass(frozen=True, slots=True)
class Stop:
    id: str
    name: str
    latitude: float
    longitude: float
    wheelchair: int = 0  # wheelchair_boarding: 0 unknown, 1 possible, 2 not possible
    parent: str = ""


@dataclass(frozen=True, slots=True)
class Route:
    id: str
    short_name: str
    long_name: str
    type: int
    agency_id: str = ""


@dataclass(frozen=True, slots=True)
class Trip:
    id: str
    route_id: str
    service_id: str
    headsign: str = ""
    wheelchair: int = 0  # wheelchair_accessible: 0 unknown, 1 yes, 2 no


@dataclass(frozen=True, slots=True)
class StopTime:
    stop_id: str
    arrival: int  # seconds after midnight of the service day (may pass 24:00:00)
    departure: int
    sequence: int


@dataclass(frozen=True, slots=True)
class Calendar:
    service_id: str
    days: tuple[bool, ...]  # Monday first
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Transfer:
    from_stop: str
    to_stop: str
    type: int  # 0 recommended, 1 timed, 2 minimum time, 3 not possible
    min_seconds: int | None


@dataclass
class Feed:
    agencies: dict[str, str] = field(default_factory=dict)  # id -> name
    stops: dict[str, Stop] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    trips: dict[str, Trip] = field(default_factory=dict)
    stop_times: dict[str, list[StopTime]] = field(default_factory=dict)  # by trip, in order
    calendars: dict[str, Calendar] = field(default_factory=dict)
    # service_id -> {date: True (added) | False (removed)}
    exceptions: dict[str, dict[date, bool]] = field(default_factory=dict)
    transfers: list[Transfer] = field(default_factory=list)

    def runs_on(self, service_id: str, day: date) -> bool:
        """Is the service running on ``day``: its calendar, then its exceptions."""
        exception = self.exceptions.get(service_id, {}).get(day)
        if exception is not None:
            return exception
        cal = self.calendars.get(service_id)
        return cal is not None and cal.start <= day <= cal.end and cal.days[day.weekday()]

    def services_on(self, day: date) -> set[str]:
        ids = set(self.calendars) | set(self.exceptions)
        return {s for s in ids if self.runs_on(s, day)}


# --- Parsing helpers -----------------------------------------------------------------------------


def parse_time(text: str) -> int:
    """``H:MM:SS`` or ``HH:MM:SS`` (hours may pass 24) to seconds; ValueError otherwise."""
    parts = text.strip().split(":")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"bad time {text!r} (HH:MM:SS expected)")
    h, m, s = (int(p) for p in parts)
    if m > 59 or s > 59 or h > 47:
        raise ValueError(f"bad time {text!r}")
    return h * 3600 + m * 60 + s


def parse_date(text: str) -> date:
    t = text.strip()
    if len(t) != 8 or not t.isdigit():
        raise ValueError(f"bad date {text!r} (YYYYMMDD expected)")
    return date(int(t[:4]), int(t[4:6]), int(t[6:]))


def _int(text: str | None, default: int = 0) -> int:
    t = (text or "").strip()
    return int(t) if t else default


Rows = Iterator[tuple[int, dict[str, str]]]


class _Source:
    """The feed's files: a folder, a zip archive, or a mapping name -> text (tests)."""

    def __init__(self, source: Path | str | Mapping[str, str]) -> None:
        self.texts: dict[str, str] = {}
        if isinstance(source, Mapping):
            self.texts = dict(source)
            return
        path = Path(source)
        if path.is_dir():
            for child in path.glob("*.txt"):
                self.texts[child.name] = child.read_text(encoding="utf-8-sig")
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".txt") and "/" not in name.strip("/"):
                        self.texts[name] = archive.read(name).decode("utf-8-sig")
        else:
            raise FeedError(f"{path}: neither a folder nor a zip archive of GTFS files")

    def has(self, name: str) -> bool:
        return name in self.texts

    def rows(self, name: str) -> Rows:
        reader = csv.DictReader(io.StringIO(self.texts[name].lstrip("\ufeff")))
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED_COLUMNS.get(name, ()) if c not in header]
        if missing:
            raise FeedError(f"{name}: missing required column(s) {', '.join(missing)}")
        reader.fieldnames = header
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


# --- The reader ----------------------------------------------------------------------------------


def read_feed(source: Path | str | Mapping[str, str]) -> tuple[Feed, Report]:
    """Read and validate a GTFS feed (folder, zip or mapping of file texts).

    Returns the feed of valid rows and the report; raises :class:`FeedError` when a required
    file or column is missing.
    """
    src = _Source(source)
    missing = [name for name in REQUIRED_FILES if not src.has(name)]
    if not src.has("calendar.txt") and not src.has("calendar_dates.txt"):
        missing.append("calendar.txt or calendar_dates.txt")
    if missing:
        raise FeedError(f"missing required file(s): {', '.join(missing)}")
    feed, report = Feed(), Report()
    if src.has("agency.txt"):
        for _line, row in src.rows("agency.txt"):
            feed.agencies[row.get("agency_id", "")] = row.get("agency_name", "")
    _read_stops(src, feed, report)
    _read_routes(src, feed, report)
    _read_calendars(src, feed, report)
    _read_trips(src, feed, report)
    _read_stop_times(src, feed, report)
    if src.has("frequencies.txt"):
        _expand_frequencies(src, feed, report)
    if src.has("transfers.txt"):
        _read_transfers(src, feed, report)
    report.kept.update(
        {
            "stops.txt": len(feed.stops),
            "routes.txt": len(feed.routes),
            "trips.txt": len(feed.trips),
            "stop_times.txt": sum(len(v) for v in feed.stop_times.values()),
            "transfers.txt": len(feed.transfers),
        }
    )
    return feed, report


def _read_stops(src: _Source, feed: Feed, report: Report) -> None:
    name = "stops.txt"
    for line, row in src.rows(name):
        sid = row.get("stop_id", "")
        if not sid:
            report.reject(name, line, "stop_id is empty")
            continue
        if sid in feed.stops:
            report.reject(name, line, f"duplicate stop_id {sid!r}")
            continue
        try:
            location_type = _int(row.get("location_type"))
        except ValueError:
            report.reject(name, line, f"stop {sid!r}: location_type is not a number")
            continue
        if location_type != 0:
            continue  # stations, entrances, nodes: not boarding points (not an error)
        try:
            lat, lon = float(row.get("stop_lat", "")), float(row.get("stop_lon", ""))
        except ValueError:
            report.reject(name, line, f"stop {sid!r}: stop_lat/stop_lon are not numbers")
            continue
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
                and -180 <= lon <= 180) or (lat, lon) == (0.0, 0.0):  # fmt: skip
            report.reject(name, line, f"stop {sid!r}: position {lat}, {lon} is out of range")
            continue
        try:
            wheelchair = _int(row.get("wheelchair_boarding"))
        except ValueError:
            wheelchair = 0
        feed.stops[sid] = Stop(sid, row.get("stop_name", "") or sid, lat, lon, wheelchair,
                               row.get("parent_station", ""))  # fmt: skip


def _read_routes(src: _Source, feed: Feed, report: Report) -> None:
    name = "routes.txt"
    for line, row in src.rows(name):
        rid = row.get("route_id", "")
        if not rid or rid in feed.routes:
            report.reject(name, line, f"route_id {rid!r} is empty or duplicate")
            continue
        try:
            kind = int(row.get("route_type", ""))
        except ValueError:
            report.reject(name, line, f"route {rid!r}: route_type is not a number")
            continue
        short, long = row.get("route_short_name", ""), row.get("route_long_name", "")
        if not short and not long:
            report.reject(name, line, f"route {rid!r}: neither a short nor a long name")
            continue
        feed.routes[rid] = Route(rid, short, long, kind, row.get("agency_id", ""))


def _read_calendars(src: _Source, feed: Feed, report: Report) -> None:
    if src.has("calendar.txt"):
        name = "calendar.txt"
        for line, row in src.rows(name):
            sid = row.get("service_id", "")
            try:
                days = tuple(row.get(d, "") == "1" for d in WEEKDAYS)
                if any(row.get(d, "") not in ("0", "1") for d in WEEKDAYS):
                    raise ValueError("weekday fields must be 0 or 1")
                start, end = parse_date(row["start_date"]), parse_date(row["end_date"])
            except ValueError as exc:
                report.reject(name, line, f"service {sid!r}: {exc}")
                continue
            if not sid or sid in feed.calendars:
                report.reject(name, line, f"service_id {sid!r} is empty or duplicate")
            elif end < start:
                report.reject(name, line, f"service {sid!r}: end_date before start_date")
            else:
                feed.calendars[sid] = Calendar(sid, days, start, end)
    if src.has("calendar_dates.txt"):
        name = "calendar_dates.txt"
        for line, row in src.rows(name):
            sid = row.get("service_id", "")
            try:
                day = parse_date(row["date"])
            except ValueError as exc:
                report.reject(name, line, f"service {sid!r}: {exc}")
                continue
            kind = row.get("exception_type", "")
            if kind not in ("1", "2") or not sid:
                report.reject(name, line, f"exception_type {kind!r} must be 1 or 2")
                continue
            feed.exceptions.setdefault(sid, {})[day] = kind == "1"


def _read_trips(src: _Source, feed: Feed, report: Report) -> None:
    name = "trips.txt"
    services = set(feed.calendars) | set(feed.exceptions)
    for line, row in src.rows(name):
        tid, rid, sid = row.get("trip_id", ""), row.get("route_id", ""), row.get("service_id", "")
        if not tid or tid in feed.trips:
            report.reject(name, line, f"trip_id {tid!r} is empty or duplicate")
        elif rid not in feed.routes:
            report.reject(name, line, f"trip {tid!r}: unknown route_id {rid!r}")
        elif sid not in services:
            report.reject(name, line, f"trip {tid!r}: unknown service_id {sid!r}")
        else:
            try:
                wheelchair = _int(row.get("wheelchair_accessible"))
            except ValueError:
                wheelchair = 0
            feed.trips[tid] = Trip(tid, rid, sid, row.get("trip_headsign", ""), wheelchair)


def _read_stop_times(src: _Source, feed: Feed, report: Report) -> None:
    name = "stop_times.txt"
    by_trip: dict[str, list[tuple[int, int, StopTime]]] = {}
    times: dict[str, int] = {}
    for line, row in src.rows(name):
        tid, sid = row.get("trip_id", ""), row.get("stop_id", "")
        if tid not in feed.trips:
            report.reject(name, line, f"unknown trip_id {tid!r}")
            continue
        if sid not in feed.stops:
            report.reject(name, line, f"trip {tid!r}: unknown stop_id {sid!r}")
            continue
        try:
            seq = int(row.get("stop_sequence", ""))
            arr_text = row.get("arrival_time", "") or row.get("departure_time", "")
            dep_text = row.get("departure_time", "") or arr_text
            if not arr_text:
                # Interpolated times are allowed by the reference; this reader needs them.
                raise ValueError("no arrival or departure time (interpolation is not supported)")
            # Memoised: a feed repeats the same few thousand times (parsing was half the read).
            arr = times.get(arr_text)
            if arr is None:
                arr = times[arr_text] = parse_time(arr_text)
            dep = times.get(dep_text)
            if dep is None:
                dep = times[dep_text] = parse_time(dep_text)
        except ValueError as exc:
            report.reject(name, line, f"trip {tid!r}: {exc}")
            continue
        if dep < arr:
            report.reject(name, line, f"trip {tid!r}: departure before arrival")
            continue
        by_trip.setdefault(tid, []).append((seq, line, StopTime(sid, arr, dep, seq)))
    for tid, rows in by_trip.items():
        rows.sort(key=lambda r: r[0])
        kept: list[StopTime] = []
        for seq, line, st in rows:
            if kept and seq == kept[-1].sequence:
                report.reject(name, line, f"trip {tid!r}: duplicate stop_sequence {seq}")
            elif kept and st.arrival < kept[-1].departure:
                report.reject(name, line, f"trip {tid!r}: time goes backwards at sequence {seq}")
            else:
                kept.append(st)
        if len(kept) < 2:
            report.reject("trips.txt", 0, f"trip {tid!r}: fewer than two valid stop times")
            continue
        feed.stop_times[tid] = kept
    for tid in [t for t in feed.trips if t not in feed.stop_times]:
        del feed.trips[tid]
        if tid not in by_trip:
            report.warnings.append(f"trip {tid!r} has no stop times: left out")


def _expand_frequencies(src: _Source, feed: Feed, report: Report) -> None:
    """Each headway window becomes trips at start, start + headway, ... (before end)."""
    name = "frequencies.txt"
    templates: dict[str, list[tuple[int, int, int]]] = {}
    for line, row in src.rows(name):
        tid = row.get("trip_id", "")
        if tid not in feed.stop_times:
            report.reject(name, line, f"unknown or invalid trip_id {tid!r}")
            continue
        try:
            start, end = parse_time(row["start_time"]), parse_time(row["end_time"])
            headway = int(row.get("headway_secs", ""))
        except ValueError as exc:
            report.reject(name, line, f"trip {tid!r}: {exc}")
            continue
        if headway <= 0 or end <= start:
            report.reject(name, line, f"trip {tid!r}: empty window or headway <= 0")
            continue
        templates.setdefault(tid, []).append((start, end, headway))
    for tid, windows in templates.items():
        trip, times = feed.trips.pop(tid), feed.stop_times.pop(tid)
        first = times[0].departure
        n = 0
        for start, end, headway in windows:
            for t0 in range(start, end, headway):
                shift = t0 - first
                new_id = f"{tid}@{n}"
                n += 1
                feed.trips[new_id] = Trip(new_id, trip.route_id, trip.service_id,
                                          trip.headsign, trip.wheelchair)  # fmt: skip
                feed.stop_times[new_id] = [
                    StopTime(s.stop_id, s.arrival + shift, s.departure + shift, s.sequence)
                    for s in times
                ]


def _read_transfers(src: _Source, feed: Feed, report: Report) -> None:
    name = "transfers.txt"
    for line, row in src.rows(name):
        a, b = row.get("from_stop_id", ""), row.get("to_stop_id", "")
        if a not in feed.stops or b not in feed.stops:
            report.reject(name, line, f"unknown stop in transfer {a!r} -> {b!r}")
            continue
        try:
            kind = _int(row.get("transfer_type"))
            seconds = row.get("min_transfer_time", "")
            minimum = int(seconds) if seconds else None
        except ValueError:
            report.reject(name, line, "transfer_type/min_transfer_time are not numbers")
            continue
        if kind not in (0, 1, 2, 3):
            report.reject(name, line, f"transfer_type {kind} is not 0-3")
            continue
        if kind == 2 and minimum is None:
            report.reject(name, line, "transfer_type 2 needs min_transfer_time")
            continue
        if (
            row.get("from_route_id")
            or row.get("to_route_id")
            or row.get("from_trip_id")
            or row.get("to_trip_id")
        ):
            report.warnings.append(
                f"{name}:{line}: a route- or trip-specific transfer is read as a stop-to-stop one"
            )
            if any(t.from_stop == a and t.to_stop == b for t in feed.transfers):
                continue
        feed.transfers.append(Transfer(a, b, kind, minimum))


def service_days(feed: Feed, first: date, days: int) -> dict[date, set[str]]:
    """The services running on each of ``days`` days from ``first``."""
    return {first + timedelta(d): feed.services_on(first + timedelta(d)) for d in range(days)}


def merge(feeds: Mapping[str, Feed]) -> Feed:
    """One feed out of several, every id prefixed by its feed's name (``"name:id"``)."""
    out = Feed()
    for name, feed in feeds.items():

        def p(x: str, name: str = name) -> str:
            return f"{name}:{x}"

        out.agencies.update({p(k): v for k, v in feed.agencies.items()})
        out.stops.update(
            {p(k): Stop(p(s.id), s.name, s.latitude, s.longitude, s.wheelchair,
                        p(s.parent) if s.parent else "") for k, s in feed.stops.items()}
        )  # fmt: skip
        out.routes.update(
            {p(k): Route(p(r.id), r.short_name, r.long_name, r.type, p(r.agency_id))
             for k, r in feed.routes.items()}
        )  # fmt: skip
        out.trips.update(
            {p(k): Trip(p(t.id), p(t.route_id), p(t.service_id), t.headsign, t.wheelchair)
             for k, t in feed.trips.items()}
        )  # fmt: skip
        out.stop_times.update(
            {p(k): [StopTime(p(s.stop_id), s.arrival, s.departure, s.sequence) for s in v]
             for k, v in feed.stop_times.items()}
        )  # fmt: skip
        out.calendars.update(
            {p(k): Calendar(p(c.service_id), c.days, c.start, c.end)
             for k, c in feed.calendars.items()}
        )  # fmt: skip
        out.exceptions.update({p(k): dict(v) for k, v in feed.exceptions.items()})
        out.transfers.extend(
            Transfer(p(t.from_stop), p(t.to_stop), t.type, t.min_seconds) for t in feed.transfers
        )
    return out


def to_zip(source: Path | str | Mapping[str, str]) -> bytes:
    """The feed's ``.txt`` files in one zip archive (how the planner stores an import)."""
    texts = _Source(source).texts
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(texts):
            archive.writestr(name, texts[name])
    return buffer.getvalue()


def from_zip(data: bytes) -> tuple[Feed, Report]:
    """Read a feed stored by :func:`to_zip`."""
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer) as archive:
        texts = {n: archive.read(n).decode("utf-8-sig") for n in archive.namelist()}
    return read_feed(texts)
