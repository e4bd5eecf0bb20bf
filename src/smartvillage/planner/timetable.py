"""The timetable the search uses: every active feed, merged, one day at a time, cached.

Building a day's RAPTOR arrays takes a fraction of a second for a few thousand stops
(``bench/planner.py``); they are kept in this process per (feeds version, day, wheelchair)
and rebuilt when a feed is imported again (the version is the feeds' import times).
"""

from __future__ import annotations

import threading
from datetime import date

from smartvillage.optim.transit import Timetable, gtfs
from smartvillage.planner.models import Feed

_lock = threading.Lock()
_feeds: dict[str, tuple[gtfs.Feed, set[str]]] = {}  # version -> (merged feed, invented slugs)
_days: dict[tuple[str, date, bool], Timetable] = {}
MAX_DAYS = 8


def forget() -> None:
    with _lock:
        _feeds.clear()
        _days.clear()


def _version() -> tuple[str, list[Feed]]:
    feeds = list(Feed.objects.active().only("slug", "imported_at", "invented").order_by("slug"))
    return "|".join(f"{f.slug}@{f.imported_at.isoformat()}" for f in feeds), feeds


def merged() -> tuple[str, gtfs.Feed, set[str]]:
    """The active feeds as one (ids prefixed ``slug:``), its version and the invented feeds."""
    version, feeds = _version()
    with _lock:
        cached = _feeds.get(version)
    if cached is None:
        parts: dict[str, gtfs.Feed] = {}
        for feed in Feed.objects.active().filter(pk__in=[f.pk for f in feeds]):
            parts[feed.slug] = gtfs.from_zip(bytes(feed.data))[0]
        cached = (gtfs.merge(parts), {f.slug for f in feeds if f.invented})
        with _lock:
            _feeds.clear()
            _feeds[version] = cached
    merged_feed, invented = cached
    return version, merged_feed, invented


def for_day(day: date, *, wheelchair: bool = False) -> tuple[Timetable, set[str]]:
    version, feed, invented = merged()
    key = (version, day, wheelchair)
    with _lock:
        found = _days.get(key)
    if found is None:
        found = Timetable(feed, day, wheelchair=wheelchair)
        with _lock:
            if len(_days) >= MAX_DAYS:
                _days.clear()
            _days[key] = found
    return found, invented
