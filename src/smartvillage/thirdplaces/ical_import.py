"""Import of an external iCalendar feed into a place's agenda (Fab-manager, Nextcloud, …).

- Recurring events (``RRULE``, ``RDATE``, ``EXDATE``, occurrences moved with ``RECURRENCE-ID``)
  are expanded over a horizon (``THIRDPLACES_IMPORT_HORIZON_DAYS``, 180 days by default) by the
  maintained ``recurring-ical-events`` package (on top of ``icalendar``), time zones and
  daylight-saving changes included. One ``Event`` per occurrence.
- Idempotent by ``(place, UID, RECURRENCE-ID)``: importing the same feed again updates the events
  it created and creates none twice (a single event has an empty recurrence id).
- Events of the same source that the feed no longer has (deleted, or an occurrence removed by a
  new ``EXDATE``) are cancelled if they are still to come, and their registered people are told
  (after the commit). ``STATUS:CANCELLED`` cancels too. Past events are never touched.
- All or nothing: one bad event and nothing changes, with a message naming the line and the
  event at fault. Line numbers come from a first pass over the unfolded content lines.
"""

from __future__ import annotations

import re
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import recurring_ical_events
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar.parser import Contentline

from smartvillage.core import audit
from smartvillage.core.dates import aware
from smartvillage.thirdplaces import locks
from smartvillage.thirdplaces.models import Event, ThirdPlace
from smartvillage.thirdplaces.services import notify

DEFAULT_HORIZON_DAYS = 180

MAX_BYTES = 5 * 1024 * 1024
_FOLD = re.compile(r"\r?\n[ \t]")


class FeedError(Exception):
    """A feed that cannot be imported; the message names the line (and event) at fault."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0
    told: int = 0  # registered people told about a cancellation
    skipped: list[str] = field(default_factory=list)


def horizon_days() -> int:
    return int(getattr(settings, "THIRDPLACES_IMPORT_HORIZON_DAYS", DEFAULT_HORIZON_DAYS))


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
        raise FeedError(_("the feed is larger than 5 MB"))
    try:
        text: str = raw.decode("utf-8-sig")
        return text
    except UnicodeDecodeError as exc:
        raise FeedError(
            _("the feed is not UTF-8 text (byte %(byte)s)") % {"byte": exc.start}
        ) from None


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
        raise FeedError(_("line 1: the feed does not start with BEGIN:VCALENDAR"))
    for number, content in lines:
        try:
            Contentline(content).parts()  # type: ignore[no-untyped-call]
        except ValueError as exc:
            raise FeedError(
                _("line %(line)s: cannot be read (%(error)s): %(content)r")
                % {"line": number, "error": exc, "content": content[:80]}
            ) from None
        upper = content.strip().upper()
        if upper == "BEGIN:VEVENT":
            if start is not None:
                raise FeedError(
                    _("line %(line)s: BEGIN:VEVENT inside another event (line %(start)s)")
                    % {"line": number, "start": start}
                )
            start = number
        elif upper == "END:VEVENT":
            if start is None:
                raise FeedError(
                    _("line %(line)s: END:VEVENT without BEGIN:VEVENT") % {"line": number}
                )
            events.append((start, number))
            start = None
    if start is not None:
        raise FeedError(
            _("line %(line)s: the event is never closed (END:VEVENT missing)") % {"line": start}
        )
    return events


def _line_of(lines: list[tuple[int, str]], first: int, last: int, name: str) -> int:
    """The line of property ``name`` inside the event spanning ``first..last`` (or ``first``)."""
    for number, content in lines:
        if first <= number <= last and content.upper().startswith((f"{name}:", f"{name};")):
            return number
    return first


def _recurrence_key(value: Any) -> str:
    """RECURRENCE-ID as stable text: UTC ``YYYYMMDDTHHMMSSZ``, or ``YYYYMMDD`` for a date."""
    moment = getattr(value, "dt", value)
    if isinstance(moment, datetime):
        return aware(moment).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    if isinstance(moment, date):
        return moment.strftime("%Y%m%d")
    raise ValueError("not a date")


def _fields(component: Any, where: Any) -> dict[str, Any]:
    """The Event fields of one VEVENT (or one expanded occurrence)."""
    summary = str(component.get("summary", "")).strip()
    if not summary:
        raise FeedError(_("%(where)s: SUMMARY (title) is missing") % {"where": where()})
    try:
        dtstart = component.decoded("dtstart")
    except (KeyError, ValueError) as exc:
        raise FeedError(
            _("%(where)s: DTSTART is missing or invalid (%(error)s)")
            % {"where": where("DTSTART"), "error": exc}
        ) from None
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
        raise FeedError(
            _("%(where)s: DTEND or DURATION is invalid (%(error)s)")
            % {"where": where("DTEND"), "error": exc}
        ) from None
    if not isinstance(dtstart, date) or not isinstance(dtend, date):
        raise FeedError(
            _("%(where)s: DTSTART or DTEND is not a date") % {"where": where("DTSTART")}
        )
    start, end = aware(dtstart), aware(dtend)
    if end < start:
        raise FeedError(_("%(where)s: DTEND is before DTSTART") % {"where": where("DTEND")})
    status = str(component.get("status", "CONFIRMED")).upper()
    return {
        "title": summary[:200],
        "description": str(component.get("description", "")),
        "location": str(component.get("location", ""))[:250],
        "url": str(component.get("url", ""))[:500],
        "starts_at": start,
        "ends_at": end,
        "status": Event.Status.CANCELLED if status == "CANCELLED" else Event.Status.CONFIRMED,
    }


def _is_recurring(component: Any) -> bool:
    return any(name in component for name in ("rrule", "rdate", "recurrence-id"))


def parse(
    text: str, start: datetime | None = None, end: datetime | None = None
) -> list[dict[str, Any]]:
    """The events of a feed as field dicts, recurring ones expanded over ``[start, end)``.

    ``start`` defaults to today 00:00, ``end`` to the horizon. Single events are kept whatever
    their date. Raises FeedError naming the line and the event at fault.
    """
    if start is None:
        start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    if end is None:
        end = start + timedelta(days=horizon_days())
    spans = _check_syntax(text)
    lines = _lines(text)
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise FeedError(_("the feed cannot be read: %(error)s") % {"error": exc}) from None
    components = calendar.walk("VEVENT")
    if len(components) != len(spans):  # should not happen after the syntax check
        raise FeedError(_("the feed's events could not be matched to their lines"))
    groups: dict[str, list[tuple[Any, Any]]] = {}
    for (first, last), component in zip(spans, components, strict=True):
        uid = str(component.get("uid", "")).strip()

        def where(name: str = "", first: int = first, last: int = last, uid: str = uid) -> str:
            line = _line_of(lines, first, last, name) if name else first
            values: dict[str, Any] = {"line": line, "first": first, "uid": uid}
            if not uid:
                return _("line %(line)s: event without UID (from line %(first)s)") % values
            return _("line %(line)s: event %(uid)s (from line %(first)s)") % values

        if not uid:
            raise FeedError(
                _("%(where)s: UID is missing (needed to import the feed again)")
                % {"where": where()}
            )
        for name, message in getattr(component, "errors", []):
            raise FeedError(
                _("%(where)s: %(name)s is invalid (%(error)s)")
                % {"where": where(name), "name": name, "error": message}
            )
        _fields(component, where)  # every VEVENT is checked, even outside the horizon
        groups.setdefault(uid, []).append((component, where))

    timezones = calendar.walk("VTIMEZONE")
    events = []
    for uid, members in groups.items():
        if not any(_is_recurring(component) for component, _where in members):
            component, where = members[0]
            events.append({"uid": uid[:255], "recurrence_id": "", **_fields(component, where)})
            continue
        # The master (with RRULE) names the event in messages; else the first component.
        master, where = next(((c, w) for c, w in members if "recurrence-id" not in c), members[0])
        single = Calendar()
        for item in [*timezones, *(component for component, _where in members)]:
            single.add_component(item)
        try:
            occurrences = recurring_ical_events.of(single).between(start, end)
        except Exception as exc:  # noqa: BLE001 - the library raises many kinds on bad rules
            name = "RRULE" if "rrule" in master else "RDATE"
            raise FeedError(
                _("%(where)s: the recurrence cannot be expanded (%(error)s)")
                % {"where": where(name), "error": exc}
            ) from None
        for occurrence in occurrences:
            try:
                key = _recurrence_key(
                    occurrence.get("recurrence-id") or occurrence.decoded("dtstart")
                )
            except (KeyError, ValueError) as exc:
                raise FeedError(
                    _("%(where)s: RECURRENCE-ID is invalid (%(error)s)")
                    % {"where": where("RECURRENCE-ID"), "error": exc}
                ) from None
            events.append({"uid": uid[:255], "recurrence_id": key, **_fields(occurrence, where)})
    return events


def import_feed(
    place: ThirdPlace,
    text: str,
    *,
    source: str = "",
    actor: Any = None,
    now: datetime | None = None,
    horizon: int | None = None,
) -> ImportResult:
    """Create, update and cancel the place's events from the feed, in one transaction."""
    now = now or timezone.now()
    start = timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))
    end = start + timedelta(days=horizon if horizon is not None else horizon_days())
    events = parse(text, start, end)
    result = ImportResult()
    source = source[:500]
    with transaction.atomic():
        existing = {
            (e.uid, e.recurrence_id): e
            for e in Event.objects.filter(third_place=place).exclude(uid="")
        }
        seen: set[tuple[str, str]] = set()
        for fields in events:
            key = (fields["uid"], fields["recurrence_id"])
            if key in seen:  # the same occurrence twice in one feed: the first one wins
                result.skipped.append(f"{key[0]} {key[1]}".strip())
                continue
            seen.add(key)
            event = existing.get(key)
            if event is None:
                event = Event.objects.create(
                    third_place=place, imported_from=source, registration_required=False, **fields
                )
                result.created += 1
                continue
            changed = [name for name, value in fields.items() if getattr(event, name) != value]
            if not changed:
                result.unchanged += 1
                continue
            was_live = event.status != Event.Status.CANCELLED
            for name in changed:
                setattr(event, name, fields[name])
            event.save(update_fields=changed)
            result.updated += 1
            if was_live and event.status == Event.Status.CANCELLED and event.ends_at > now:
                result.told += notify.event_cancelled(event)
        # Gone from the feed: a whole UID, or one occurrence inside the horizon (EXDATE, a
        # shorter COUNT). Occurrences beyond the horizon and past events stay as they are.
        uids = {uid for uid, _rid in seen}
        for key, event in existing.items():
            if key in seen or event.imported_from != source:
                continue
            if event.status == Event.Status.CANCELLED or event.ends_at <= now:
                continue
            if key[0] in uids and event.starts_at >= end:
                continue
            locked = locks.lock_event(event.pk)
            locked.status = Event.Status.CANCELLED
            locked.save(update_fields=["status"])
            result.cancelled += 1
            result.told += notify.event_cancelled(locked)
        audit.record(
            actor,
            "thirdplaces.events.imported",
            place,
            source=source[:200],
            created=result.created,
            updated=result.updated,
            cancelled=result.cancelled,
        )
    return result
