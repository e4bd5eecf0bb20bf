"""Reader of Cordeau's benchmark files."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from smartvillage.optim.darp import InstanceFormatError, read_cordeau

from .conftest import DATA


def test_it_reads_a_benchmark_file() -> None:
    instance = read_cordeau(DATA / "a2-16.txt")
    problem = instance.problem
    assert instance.name == "a2-16"
    assert (problem.num_requests, problem.num_vehicles) == (16, 2)
    assert all(v.seats == 3 and v.max_duration == 480 for v in problem.vehicles)
    request = problem.requests[8]  # node 9: "9 7.976 -9.000 3 1 276 291"
    assert (request.pickup, request.dropoff) == (9, 25)
    assert request.pickup_window == (276, 291)
    assert request.dropoff_window == (0, 1440)
    assert request.max_ride_time == 30
    assert request.pickup_service == 3
    assert problem.distance[0, 9] == pytest.approx(math.hypot(7.976, -9.0))
    assert problem.duration[9, 25] == problem.distance[9, 25]


def test_it_copies_the_start_depot_when_the_end_depot_is_missing() -> None:
    problem = read_cordeau(DATA / "a2-16.txt").problem
    end = problem.vehicles[0].end_depot
    assert end == 33
    assert problem.distance[0, end] == 0
    assert problem.vehicles[0].shift == (0, 1440)


def test_it_reads_an_explicit_end_depot(tmp_path: Path) -> None:
    lines = (DATA / "a2-16.txt").read_text().splitlines()
    lines.append("33 1.0 0.0 0 0 0 720")
    path = tmp_path / "with-end.txt"
    path.write_text("\n".join(lines) + "\n")
    problem = read_cordeau(path).problem
    assert problem.vehicles[0].shift == (0, 720)
    assert problem.distance[0, 33] == pytest.approx(1.0)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.txt"
    path.write_text(text)
    return path


def test_it_names_the_malformed_line(tmp_path: Path) -> None:
    lines = (DATA / "a2-16.txt").read_text().splitlines()
    lines[4] = " 4 -7.374 oops 3 1 0 1440"
    with pytest.raises(InstanceFormatError, match=r"bad\.txt:5: bad number"):
        read_cordeau(write(tmp_path, "\n".join(lines)))


def test_it_rejects_a_short_line(tmp_path: Path) -> None:
    lines = (DATA / "a2-16.txt").read_text().splitlines()
    lines[2] = " 1 -1.198 -5.164 3 1"
    with pytest.raises(InstanceFormatError, match=r":3: node line"):
        read_cordeau(write(tmp_path, "\n".join(lines)))


def test_it_rejects_missing_nodes(tmp_path: Path) -> None:
    lines = (DATA / "a2-16.txt").read_text().splitlines()[:-3]
    with pytest.raises(InstanceFormatError, match="expected 33 or 34 node lines"):
        read_cordeau(write(tmp_path, "\n".join(lines)))


def test_it_rejects_a_bad_header(tmp_path: Path) -> None:
    with pytest.raises(InstanceFormatError, match=":1: header"):
        read_cordeau(write(tmp_path, "2 32 480\n"))


def test_it_rejects_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InstanceFormatError, match="cannot read"):
        read_cordeau(tmp_path / "nope.txt")
