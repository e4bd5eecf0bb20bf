"""Public transport timetables: a GTFS reader with validation and RAPTOR searches (no Django).

- :mod:`.gtfs` reads a feed (folder, zip) into plain dataclasses with a report of every row
  it rejected (file, line, reason);
- :mod:`.raptor` builds one day's :class:`~.raptor.Timetable` and answers earliest-arrival
  (RAPTOR) and range (rRAPTOR) queries with walking transfers between nearby stops;
- :mod:`.synthetic` generates feeds of any size for tests and benchmarks.
"""

from .gtfs import Feed, FeedError, Report, read_feed
from .raptor import Journey, RideLeg, Timetable, WalkLeg

__all__ = [
    "Feed", "FeedError", "Journey", "Report", "RideLeg", "Timetable", "WalkLeg", "read_feed",
]  # fmt: skip
