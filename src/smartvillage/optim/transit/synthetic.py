"""Generated GTFS feeds of any size (tests, benchmarks): invented stops and lines, never data.

Stops lie on a jittered grid around a centre (about 300 m apart, so that some are within a
walk); each line is a random walk over neighbouring grid cells, run both ways every
``headway_min`` minutes from 6:00 to 21:00, Monday to Friday, with a holiday removed by
``calendar_dates.txt``.
"""

from __future__ import annotations

import math
import random

CELL_M = 300.0


def generate(
    n_stops: int = 1000,
    n_lines: int | None = None,
    *,
    stops_per_line: int = 20,
    headway_min: int = 30,
    seed: int = 1,
    centre: tuple[float, float] = (45.0, 5.45),
) -> dict[str, str]:
    """A feed as ``{file name: CSV text}`` (read it with :func:`~.gtfs.read_feed`)."""
    rng = random.Random(seed)
    side = math.ceil(math.sqrt(n_stops))
    lat0, lon0 = centre
    dlat = CELL_M / 111_320.0
    dlon = CELL_M / (111_320.0 * math.cos(math.radians(lat0)))
    cells: list[tuple[int, int]] = [(i // side, i % side) for i in range(n_stops)]
    stops = ["stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding"]
    for i, (r, c) in enumerate(cells):
        lat = lat0 + (r - side / 2 + rng.uniform(-0.3, 0.3)) * dlat
        lon = lon0 + (c - side / 2 + rng.uniform(-0.3, 0.3)) * dlon
        stops.append(f"S{i},Arrêt {i},{lat:.6f},{lon:.6f},{1 if i % 4 else 2}")
    at = {cell: i for i, cell in enumerate(cells)}
    n_lines = n_lines or max(1, n_stops * 2 // stops_per_line)
    routes = ["route_id,route_short_name,route_long_name,route_type"]
    trips = ["route_id,service_id,trip_id,wheelchair_accessible"]
    times = ["trip_id,arrival_time,departure_time,stop_id,stop_sequence"]
    for line in range(n_lines):
        cell = cells[rng.randrange(n_stops)]
        path = [at[cell]]
        while len(path) < stops_per_line:
            r, c = cell
            options = [(r + dr, c + dc) for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0))]
            options = [o for o in options if o in at and at[o] not in path]
            if not options:
                break
            cell = rng.choice(options)
            path.append(at[cell])
        if len(path) < 2:
            continue
        routes.append(f"L{line},{line},Ligne {line},3")
        hops = [rng.randint(60, 180) for _ in path[1:]]
        for direction, seq in enumerate((path, path[::-1])):
            gaps = hops if direction == 0 else hops[::-1]
            for n, start in enumerate(range(6 * 3600 + rng.randint(0, 600), 21 * 3600,
                                            headway_min * 60)):  # fmt: skip
                tid = f"L{line}d{direction}t{n}"
                trips.append(f"L{line},WEEK,{tid},{1 if n % 2 else 2}")
                t = start
                for k, stop in enumerate(seq):
                    if k:
                        t += gaps[k - 1]
                    dwell = 20 if 0 < k < len(seq) - 1 else 0
                    times.append(f"{tid},{_hms(t)},{_hms(t + dwell)},S{stop},{k + 1}")
                    t += dwell
    return {
        "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\n"
        "GEN,Generated (invented) network,https://example.org,Europe/Paris\n",
        "stops.txt": "\n".join(stops) + "\n",
        "routes.txt": "\n".join(routes) + "\n",
        "trips.txt": "\n".join(trips) + "\n",
        "stop_times.txt": "\n".join(times) + "\n",
        "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
        "start_date,end_date\nWEEK,1,1,1,1,1,0,0,20260101,20271231\n",
        "calendar_dates.txt": "service_id,date,exception_type\nWEEK,20261225,2\n",
    }


def _hms(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
