"""Importing a GTFS feed: read, validate, store, in one transaction (nothing half-saved)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from smartvillage.optim.transit import gtfs
from smartvillage.planner import timetable
from smartvillage.planner.models import Feed, TransitStop


@dataclass(frozen=True)
class ImportResult:
    feed: Feed
    report: gtfs.Report
    created: bool


def import_feed(
    source: Path | str | Mapping[str, str],
    *,
    slug: str,
    name: str,
    source_text: str = "",
    licence: str = "",
    invented: bool = False,
    max_rejected: int | None = None,
) -> ImportResult:
    """Read and validate ``source`` (folder or zip), then replace the feed ``slug`` with it.

    Raises :class:`~smartvillage.optim.transit.gtfs.FeedError` when the feed cannot be read,
    or when more than ``max_rejected`` rows were rejected: the previous version stays.
    """
    data = gtfs.to_zip(source)
    parsed, report = gtfs.from_zip(data)
    if max_rejected is not None and len(report.rejected) > max_rejected:
        raise gtfs.FeedError(
            f"{len(report.rejected)} rows rejected (more than {max_rejected}): nothing imported"
        )
    days = [c.start for c in parsed.calendars.values()] + [c.end for c in parsed.calendars.values()]
    days += [d for v in parsed.exceptions.values() for d in v]
    with transaction.atomic():
        feed, created = Feed.objects.select_for_update().get_or_create(
            slug=slug, defaults={"name": name}
        )
        feed.name = name
        feed.source, feed.licence, feed.invented = source_text, licence, invented
        feed.data = data
        feed.report = "\n".join(report.lines())
        feed.rejected_rows = len(report.rejected)
        feed.stop_count, feed.trip_count = len(parsed.stops), len(parsed.trips)
        feed.first_day, feed.last_day = (min(days), max(days)) if days else (None, None)
        feed.save()
        feed.stops.all().delete()
        TransitStop.objects.bulk_create(
            TransitStop(feed=feed, stop_id=s.id, name=s.name, latitude=s.latitude,
                        longitude=s.longitude, wheelchair=s.wheelchair)
            for s in parsed.stops.values()
        )  # fmt: skip
        transaction.on_commit(timetable.forget)
    return ImportResult(feed, report, created)
