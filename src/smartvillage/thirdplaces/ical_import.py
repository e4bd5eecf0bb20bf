"""Import of an external iCalendar feed into a place's agenda (Fab-manager, Nextcloud, …).

Idempotent by UID: importing the same feed again updates the events it created (matched on
``(place, UID)``) and creates none twice. All or nothing: one bad event and nothing changes,
with a message naming the line and the event at fault. Parsing uses the ``icalendar`` library;
the line numbers come from a first pass over the unfolded content lines.

Not handled: recurring events (``RRULE``) are imported as their first occurrence only.
"""

from __future__ import annotations

import re
import urllib.request
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from icalendar import Calendar
from icalendar.parser import Contentline

from smartvillage.core import audit
from smartvillage.thirdplaces.models import Event, ThirdPlace

MAX_BYTES = 5 * 1024 * 1024
_FOLD = re.compile(r"\r?\n[ \t]")


class FeedError(Exception):
    """A feed that cannot be imported; the message names the line (and event) at fault."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)


def read_source(source: str) -> str:
    """The text of a local file or an http(s) URL (5 MB at most)."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": "SmartVillage/1"})
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - scheme checked
            raw = response.read(MAX_BYTES + 1)
    else:
        with open(source, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise FeedError("the feed is larger than 5 MB")
    try:
        text: str = raw.decode("utf-8-sig")
        return text
    except UnicodeDecodeError as exc:
        raise FeedError(f"the feed is not UTF-8 text (byte {exc.start})") from None


def _lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of their first physical line."""
    result: list[tuple[int, str]] = []
    for number, physical in enumerate(text.splitlines(), start=1):
        if physical[:1] in (" ", "\t") and result:
            first, content = result[-1]
            result[-1] = (first, content + physical[1:])
        elif physical.strip():
            result.append((number, physical))
    return result


def _check_syntax(text: str) -> list[tuple[int, int]]:
    """Validate every content line; return (first line, last line) of each VEVENT."""
    events: list[tuple[int, int]] = []
    start: int | None = None
    lines = _lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise FeedError("line 1: the feed does not start with BEGIN:VCALENDAR")
    for number, content in lines:
        try:
            Contentline(content).parts()  # type: ignore[no-untyped-call]
        except ValueError as exc:
            raise FeedError(f"line {number}: cannot be read ({exc}): {content[:80]!r}") from None
        upper = content.strip().upper()
        if upper == "BEGIN:VEVENT":
            if start is not None:
                raise FeedError(f"line {number}: BEGIN:VEVENT inside another event (line {start})")
            start = number
        elif upper == "END:VEVENT":
            if start is None:
                raise FeedError(f"line {number}: END:VEVENT without BEGIN:VEVENT")
            events.append((start, number))
            start = None
    if start is not None:
        raise FeedError(f"line {start}: the event is never closed (END:VEVENT missing)")
    return events


def _aware(value: Any, *, end: bool = False) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, date):  # an all-day event: midnight local time
        return timezone.make_aware(datetime.combine(value, time.min))
    raise ValueError("not a date")


def _line_of(lines: list[tuple[int, str]], first: int, last: int, name: str) -> int:
    """The line of property ``name`` inside the event spanning ``first..last`` (or ``first``)."""
    for number, content in lines:
        if first <= number <= last and content.upper().startswith((f"{name}:", f"{name};")):
            return number
    return first


def parse(text: str) -> list[dict[str, Any]]:
    """The events of a feed as field dicts, or FeedError naming the line and event at fault."""
    spans = _check_syntax(text)
    lines = _lines(text)
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise FeedError(f"the feed cannot be read: {exc}") from None
    components = calendar.walk("VEVENT")
    if len(components) != len(spans):  # should not happen after the syntax check
        raise FeedError("the feed's events could not be matched to their lines")
    events = []
    for (first, last), component in zip(spans, components, strict=True):
        uid = str(component.get("uid", "")).strip()
        label = f"event {uid}" if uid else "event without UID"

        def where(name: str = "", first: int = first, last: int = last, label: str = label) -> str:
            line = _line_of(lines, first, last, name) if name else first
            return f"line {line}: {label} (from line {first})"

        if not uid:
            raise FeedError(f"{where()}: UID is missing (needed to import the feed again)")
        for name, message in getattr(component, "errors", []):
            raise FeedError(f"{where(name)}: {name} is invalid ({message})")
        summary = str(component.get("summary", "")).strip()
        if not summary:
            raise FeedError(f"{where()}: SUMMARY (title) is missing")
        try:
            dtstart = component.decoded("dtstart")
        except (KeyError, ValueError) as exc:
            raise FeedError(f"{where('DTSTART')}: DTSTART is missing or invalid ({exc})") from None
        try:
            if "dtend" in component:
                dtend = component.decoded("dtend")
            elif "duration" in component:
                dtend = dtstart + component.decoded("duration")
            else:
                dtend = dtstart + (
                    timedelta(days=1) if not isinstance(dtstart, datetime) else timedelta(0)
                )
        except (ValueError, TypeError) as exc:
            raise FeedError(f"{where('DTEND')}: DTEND or DURATION is invalid ({exc})") from None
        if not isinstance(dtstart, date) or not isinstance(dtend, date):
            raise FeedError(f"{where('DTSTART')}: DTSTART or DTEND is not a date")
        start, end = _aware(dtstart), _aware(dtend)
        if end < start:
            raise FeedError(f"{where('DTEND')}: DTEND is before DTSTART")
        status = str(component.get("status", "CONFIRMED")).upper()
        events.append(
            {
                "uid": uid[:255],
                "title": summary[:200],
                "description": str(component.get("description", "")),
                "location": str(component.get("location", ""))[:250],
                "url": str(component.get("url", ""))[:500],
                "starts_at": start,
                "ends_at": end,
                "status": Event.Status.CANCELLED
                if status == "CANCELLED"
                else Event.Status.CONFIRMED,
            }
        )
    return events


def import_feed(place: ThirdPlace, text: str, *, source: str = "") -> ImportResult:
    """Create or update the place's events from the feed, in one transaction."""
    events = parse(text)
    result = ImportResult()
    with transaction.atomic():
        for fields in events:
            existing = Event.objects.filter(third_place=place, uid=fields["uid"]).first()
            if existing is None:
                Event.objects.create(
                    third_place=place,
                    imported_from=source[:500],
                    registration_required=False,
                    **fields,
                )
                result.created += 1
                continue
            changed = [name for name, value in fields.items() if getattr(existing, name) != value]
            if not changed:
                result.unchanged += 1
                continue
            for name in changed:
                setattr(existing, name, fields[name])
            existing.save(update_fields=changed)
            result.updated += 1
        audit.record(
            None,
            "thirdplaces.events.imported",
            place,
            source=source[:200],
            created=result.created,
            updated=result.updated,
        )
    return result
