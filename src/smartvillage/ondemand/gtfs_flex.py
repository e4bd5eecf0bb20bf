"""GTFS-Flex export of a service, following the GTFS Schedule reference as adopted in 2024.

The service becomes one route with up to two trips, each made of two ``stop_times`` rows (the
dial-a-ride pattern of the reference: pick-up anywhere in the area during the window, drop-off
anywhere in it):

- ``<slug>-stops``: between any of the service's stops, a *location group*
  (``location_groups.txt`` + ``location_group_stops.txt``, the stops in ``stops.txt``);
- ``<slug>-zone``: door to door inside the zone polygon, a *location* of ``locations.geojson``
  (only when the service has a polygon: a zone given as communes is served through its stops).

Both use ``start_pickup_drop_off_window`` / ``end_pickup_drop_off_window`` (the service hours),
``pickup_type``/``drop_off_type`` 2 ("phone the agency") and one booking rule
(``booking_rules.txt``): ``booking_type`` 1 with ``prior_notice_duration_min`` for a notice
under a day, 2 with ``prior_notice_last_day``/``prior_notice_last_time`` otherwise. A notice of
48 h becomes "two days before, by the service's opening time" — never less notice than the
service asks. Files are CSV (UTF-8) written with the csv module, zipped with zipfile.
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from datetime import time, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from smartvillage.ondemand.models import Service

TIMEZONE = "Europe/Paris"
FEED_DAYS = 365


def _hms(t: time) -> str:
    return t.strftime("%H:%M:%S")


def _csv(header: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in header})
    return buffer.getvalue()


def booking_rule(service: Service, rule_id: str) -> dict[str, Any]:
    notice = service.min_notice
    row: dict[str, Any] = {
        "booking_rule_id": rule_id,
        "message": service.instructions[:500] or None,
        "phone_number": service.phone or None,
        "info_url": service.info_url or None,
    }
    if notice <= timedelta(0):
        row["booking_type"] = 0
    elif notice < timedelta(days=1):
        row["booking_type"] = 1
        row["prior_notice_duration_min"] = math.ceil(notice.total_seconds() / 60)
        row["prior_notice_duration_max"] = math.floor(service.max_advance.total_seconds() / 60)
    else:
        row["booking_type"] = 2
        row["prior_notice_last_day"] = math.ceil(notice / timedelta(days=1))
        row["prior_notice_last_time"] = _hms(service.start_time)
        row["prior_notice_start_day"] = max(
            row["prior_notice_last_day"], math.floor(service.max_advance / timedelta(days=1))
        )
        row["prior_notice_start_time"] = _hms(service.start_time)
    return row


def feed_files(service: Service, *, base_url: str = "") -> dict[str, str]:
    """File name → content of the service's GTFS-Flex feed."""
    slug = service.slug
    org = service.organisation
    today = timezone.localdate()
    detail = base_url.rstrip("/") + reverse("ondemand:service", args=[slug]) if base_url else ""
    agency_url = service.info_url or getattr(org, "website", "") or detail or "https://example.org/"
    files: dict[str, str] = {}
    files["agency.txt"] = _csv(
        ["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang",
         "agency_phone"],
        [{"agency_id": org.slug, "agency_name": org.name, "agency_url": agency_url,
          "agency_timezone": TIMEZONE, "agency_lang": "fr", "agency_phone": service.phone}],
    )  # fmt: skip
    files["routes.txt"] = _csv(
        ["route_id", "agency_id", "route_short_name", "route_long_name", "route_desc",
         "route_type"],
        [{"route_id": slug, "agency_id": org.slug, "route_short_name": "TAD",
          "route_long_name": service.name, "route_desc": service.description[:200],
          "route_type": 3}],
    )  # fmt: skip
    calendar_id = f"{slug}-days"
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    files["calendar.txt"] = _csv(
        ["service_id", *names, "start_date", "end_date"],
        [{"service_id": calendar_id,
          **{name: int(service.runs_on_weekday(i + 1)) for i, name in enumerate(names)},
          "start_date": today.strftime("%Y%m%d"),
          "end_date": (today + timedelta(days=FEED_DAYS)).strftime("%Y%m%d")}],
    )  # fmt: skip
    stops = list(service.stops.select_related("place"))
    files["stops.txt"] = _csv(
        ["stop_id", "stop_name", "stop_desc", "stop_lat", "stop_lon", "location_type"],
        [{"stop_id": f"stop-{s.pk}", "stop_name": s.place.name, "stop_desc": s.instructions,
          "stop_lat": f"{s.place.latitude:.6f}", "stop_lon": f"{s.place.longitude:.6f}",
          "location_type": 0} for s in stops],
    )  # fmt: skip
    group_id = f"{slug}-stops"
    files["location_groups.txt"] = _csv(
        ["location_group_id", "location_group_name"],
        [{"location_group_id": group_id, "location_group_name": service.name}],
    )
    files["location_group_stops.txt"] = _csv(
        ["location_group_id", "stop_id"],
        [{"location_group_id": group_id, "stop_id": f"stop-{s.pk}"} for s in stops],
    )
    rule_id = f"{slug}-booking"
    files["booking_rules.txt"] = _csv(
        ["booking_rule_id", "booking_type", "prior_notice_duration_min",
         "prior_notice_duration_max", "prior_notice_last_day", "prior_notice_last_time",
         "prior_notice_start_day", "prior_notice_start_time", "message", "phone_number",
         "info_url"],
        [booking_rule(service, rule_id)],
    )  # fmt: skip
    trips = [{"route_id": slug, "service_id": calendar_id, "trip_id": group_id,
              "trip_headsign": service.name}]  # fmt: skip
    stop_times = _pair(group_id, {"location_group_id": group_id}, service, rule_id)
    if service.zone_geojson:
        zone_id = f"{slug}-zone"
        geometry = service.zone_geojson
        if geometry.get("type") == "Feature":
            geometry = geometry["geometry"]
        files["locations.geojson"] = json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "id": zone_id,
                        "properties": {
                            "stop_name": service.name,
                            "stop_desc": service.description[:200],
                        },  # fmt: skip
                        "geometry": geometry,
                    }
                ],
            },
            ensure_ascii=False,
        )
        trips.append({"route_id": slug, "service_id": calendar_id, "trip_id": zone_id,
                      "trip_headsign": service.name})  # fmt: skip
        stop_times += _pair(zone_id, {"location_id": zone_id}, service, rule_id)
    files["trips.txt"] = _csv(["route_id", "service_id", "trip_id", "trip_headsign"], trips)
    files["stop_times.txt"] = _csv(
        ["trip_id", "stop_sequence", "stop_id", "location_group_id", "location_id",
         "start_pickup_drop_off_window", "end_pickup_drop_off_window", "pickup_type",
         "drop_off_type", "pickup_booking_rule_id", "drop_off_booking_rule_id"],
        stop_times,
    )  # fmt: skip
    files["feed_info.txt"] = _csv(
        ["feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date",
         "feed_end_date", "feed_version"],
        [{"feed_publisher_name": org.name, "feed_publisher_url": agency_url, "feed_lang": "fr",
          "feed_start_date": today.strftime("%Y%m%d"),
          "feed_end_date": (today + timedelta(days=FEED_DAYS)).strftime("%Y%m%d"),
          "feed_version": timezone.now().strftime("%Y%m%dT%H%M")}],
    )  # fmt: skip
    return files


def _pair(trip_id: str, where: dict[str, str], service: Service, rule: str) -> list[dict[str, Any]]:
    """Pick-up anywhere in ``where`` then drop-off anywhere in it, in the service hours."""
    window = {"start_pickup_drop_off_window": _hms(service.start_time),
              "end_pickup_drop_off_window": _hms(service.end_time)}  # fmt: skip
    return [
        {"trip_id": trip_id, "stop_sequence": 1, **where, **window, "pickup_type": 2,
         "drop_off_type": 1, "pickup_booking_rule_id": rule},
        {"trip_id": trip_id, "stop_sequence": 2, **where, **window, "pickup_type": 1,
         "drop_off_type": 2, "drop_off_booking_rule_id": rule},
    ]  # fmt: skip


def feed_bytes(service: Service, *, base_url: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in feed_files(service, base_url=base_url).items():
            archive.writestr(name, content)
    return buffer.getvalue()
