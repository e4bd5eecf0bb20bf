from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np
import pytest

from smartvillage.optim.traveltime import OsrmError, OsrmTable, StraightLine, TravelTimeProvider

Point = tuple[float, float]
POINTS: list[Point] = [(45.0 + 0.01 * i, 5.0 + 0.013 * (i % 7)) for i in range(23)]


@dataclass
class FakeOsrm:
    """Stand-in for osrm-routed's table service, answering with straight-line figures."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    max_locations: int = 100
    isolated: set[int] = field(default_factory=set)  # indices in POINTS: null rows/columns
    null_pairs: set[tuple[int, int]] = field(default_factory=set)  # POINTS indices
    snap_m: dict[int, float] = field(default_factory=dict)
    reply: tuple[int, bytes] | None = None
    delay_s: float = 0.0

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        _, service, version, profile, coords = path.split("/", 4)
        lonlat = [tuple(float(x) for x in c.split(",")) for c in coords.split(";")]
        everyone = ";".join(str(i) for i in range(len(lonlat)))
        sources = [int(i) for i in query.get("sources", everyone).split(";")]
        destinations = [int(i) for i in query.get("destinations", everyone).split(";")]
        self.requests.append(
            {"profile": profile, "coords": lonlat, "query": query, "service": service}
        )
        if len(lonlat) > self.max_locations:
            return 400, {"code": "TooBig", "message": "Too many table coordinates"}
        ids = [_point_index(lon, lat) for lon, lat in lonlat]
        m = StraightLine().matrix([(lat, lon) for lon, lat in lonlat])

        def cell(table: np.ndarray, s: int, d: int) -> float | None:
            a, b = ids[s], ids[d]
            if a != b and (a in self.isolated or b in self.isolated or (a, b) in self.null_pairs):
                return None
            return float(table[s, d])

        def waypoints(indices: list[int]) -> list[dict[str, Any]]:
            return [
                {"location": list(lonlat[i]), "distance": self.snap_m.get(ids[i], 2.5)}
                for i in indices
            ]

        return 200, {
            "code": "Ok",
            "durations": [[cell(m.seconds, s, d) for d in destinations] for s in sources],
            "distances": [[cell(m.metres, s, d) for d in destinations] for s in sources],
            "sources": waypoints(sources),
            "destinations": waypoints(destinations),
        }


def _point_index(lon: float, lat: float) -> int:
    return min(range(len(POINTS)), key=lambda i: abs(POINTS[i][0] - lat) + abs(POINTS[i][1] - lon))


@pytest.fixture
def osrm() -> Iterator[FakeOsrm]:
    fake = FakeOsrm()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            parts = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(parts.query))
            time.sleep(fake.delay_s)
            if fake.reply is not None:
                status, raw = fake.reply
                fake.requests.append({"query": query})
            else:
                status, body = fake.answer(parts.path, query)
                raw = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield fake
    server.shutdown()
    server.server_close()
    thread.join()


def test_it_is_a_travel_time_provider() -> None:
    assert isinstance(OsrmTable("http://127.0.0.1:5000"), TravelTimeProvider)


def test_it_asks_one_table_for_few_points(osrm: FakeOsrm) -> None:
    m = OsrmTable(osrm.url).matrix(POINTS[:5])

    expected = StraightLine().matrix(POINTS[:5])
    (request,) = osrm.requests
    assert request["service"] == "table"
    assert request["profile"] == "driving"
    assert request["query"] == {"annotations": "duration,distance"}
    assert request["coords"] == [pytest.approx((lon, lat)) for lat, lon in POINTS[:5]]
    np.testing.assert_allclose(m.seconds, expected.seconds, rtol=1e-5)
    np.testing.assert_allclose(m.metres, expected.metres, rtol=1e-5)
    assert m.unreachable_points == frozenset()
    assert m.snap_metres is not None
    assert m.snap_metres.tolist() == [2.5] * 5


def test_it_splits_large_tables_into_blocks(osrm: FakeOsrm) -> None:
    osrm.max_locations = 10

    m = OsrmTable(osrm.url, max_locations=10).matrix(POINTS)

    # 23 points in blocks of 5 -> 5 x 5 requests of at most 10 coordinates.
    assert len(osrm.requests) == 25
    assert max(len(r["coords"]) for r in osrm.requests) == 10
    assert sum("sources" in r["query"] for r in osrm.requests) == 20
    np.testing.assert_allclose(m.seconds, StraightLine().matrix(POINTS).seconds, rtol=1e-5)
    np.testing.assert_allclose(m.metres, StraightLine().matrix(POINTS).metres, rtol=1e-5)


def test_it_turns_nulls_into_unreachable_pairs(osrm: FakeOsrm) -> None:
    osrm.null_pairs = {(1, 3)}

    m = OsrmTable(osrm.url, max_locations=4).matrix(POINTS[:6])

    assert m.unreachable_pairs == [(1, 3)]
    assert np.isinf(m.metres[1, 3])
    assert m.unreachable_points == frozenset()


def test_it_reports_points_without_any_route(osrm: FakeOsrm) -> None:
    osrm.isolated = {2}

    m = OsrmTable(osrm.url).matrix(POINTS[:5])

    assert m.unreachable_points == {2}
    assert np.isinf(m.seconds[2, [0, 1, 3, 4]]).all()
    assert np.isinf(m.seconds[[0, 1, 3, 4], 2]).all()
    assert m.seconds[2, 2] == 0
    assert np.isfinite(m.seconds[np.ix_([0, 1, 3, 4], [0, 1, 3, 4])]).all()


def test_it_reports_points_snapped_too_far(osrm: FakeOsrm) -> None:
    osrm.snap_m = {0: 4000.0}

    far = OsrmTable(osrm.url, max_snap_m=1000).matrix(POINTS[:3])
    trusting = OsrmTable(osrm.url, max_snap_m=None).matrix(POINTS[:3])

    assert far.unreachable_points == {0}
    assert np.isinf(far.seconds[0, 1])
    assert trusting.unreachable_points == frozenset()


def test_it_sends_the_profile(osrm: FakeOsrm) -> None:
    OsrmTable(osrm.url + "/", profile="car").matrix(POINTS[:2])

    assert osrm.requests[0]["profile"] == "car"


def test_it_sends_nothing_for_fewer_than_two_points(osrm: FakeOsrm) -> None:
    assert OsrmTable(osrm.url).matrix([]).seconds.shape == (0, 0)
    assert OsrmTable(osrm.url).matrix(POINTS[:1]).seconds.tolist() == [[0.0]]
    assert osrm.requests == []


def test_it_raises_on_an_http_error_with_osrm_code(osrm: FakeOsrm) -> None:
    osrm.max_locations = 3

    with pytest.raises(OsrmError, match=r"HTTP 400 \(TooBig: Too many table coordinates\)"):
        OsrmTable(osrm.url).matrix(POINTS[:5])


def test_it_raises_on_a_server_error(osrm: FakeOsrm) -> None:
    osrm.reply = (500, b"<html>Internal Server Error</html>")

    with pytest.raises(OsrmError, match="HTTP 500"):
        OsrmTable(osrm.url).matrix(POINTS[:2])


def test_it_raises_when_code_is_not_ok(osrm: FakeOsrm) -> None:
    osrm.reply = (200, b'{"code": "NoTable", "message": "No table found"}')

    with pytest.raises(OsrmError, match="NoTable: No table found"):
        OsrmTable(osrm.url).matrix(POINTS[:2])


def test_it_raises_on_an_answer_that_is_not_json(osrm: FakeOsrm) -> None:
    osrm.reply = (200, b"<html>proxy login</html>")

    with pytest.raises(OsrmError, match="not JSON"):
        OsrmTable(osrm.url).matrix(POINTS[:2])


def test_it_raises_when_distances_are_missing(osrm: FakeOsrm) -> None:
    osrm.reply = (200, b'{"code": "Ok", "durations": [[0, 1], [1, 0]]}')

    with pytest.raises(OsrmError, match="no 'distances' table"):
        OsrmTable(osrm.url).matrix(POINTS[:2])


def test_it_raises_on_a_table_of_the_wrong_shape(osrm: FakeOsrm) -> None:
    osrm.reply = (200, b'{"code": "Ok", "durations": [[0]], "distances": [[0]]}')

    with pytest.raises(OsrmError, match="shape"):
        OsrmTable(osrm.url).matrix(POINTS[:2])


def test_it_raises_on_timeout(osrm: FakeOsrm) -> None:
    osrm.delay_s = 1.0

    with pytest.raises(OsrmError, match=r"did not answer within 0\.2 s"):
        OsrmTable(osrm.url, timeout=0.2).matrix(POINTS[:2])


def test_it_raises_when_the_server_is_down() -> None:
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    with pytest.raises(OsrmError, match="cannot reach OSRM server"):
        OsrmTable(f"http://127.0.0.1:{port}", timeout=2).matrix(POINTS[:2])


@pytest.mark.parametrize(
    "options",
    [
        {"base_url": "file:///etc/passwd"},
        {"base_url": "http://x", "max_locations": 1},
        {"base_url": "http://x", "timeout": 0},
    ],
)
def test_it_rejects_invalid_parameters(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must be"):
        OsrmTable(**options)
