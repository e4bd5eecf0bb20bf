"""Reader of Cordeau's (2006) dial-a-ride benchmark files and their JSON solution format.

See ``/work/shared/data/darp/FORMAT.md``: a header ``K N T Q L`` and one line ``id x y d q e l``
per node; node ``0`` is the depot, ``1..n`` pick-ups, ``n+1..2n`` drop-offs, and an optional
``2n+1`` end depot. Distances and travel times are Euclidean, in double precision.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .model import Plan, Problem, Request, Vehicle


class InstanceFormatError(ValueError):
    """A benchmark file is missing or malformed; the message names the file and the line."""


@dataclass(frozen=True, eq=False)
class CordeauInstance:
    """A Cordeau instance as a :class:`Problem`; location ``i`` is the file's node ``i``."""

    name: str
    problem: Problem
    max_route_duration: float
    capacity: int
    max_ride_time: float

    def node_id(self, request: int, pickup: bool) -> int:
        """The file's node id of a request's pick-up (``1..n``) or drop-off (``n+1..2n``)."""
        return request + 1 if pickup else request + 1 + self.problem.num_requests


def read_cordeau(path: str | Path) -> CordeauInstance:
    """Read a Cordeau instance file.

    Raises
    ------
    InstanceFormatError
        If the file cannot be read or a line is malformed (the message names the line).
    """
    path = Path(path)
    try:
        text = path.read_text()
    except (OSError, UnicodeDecodeError) as exc:
        raise InstanceFormatError(f"{path}: cannot read: {exc}") from exc
    lines = [(no, line.split()) for no, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise InstanceFormatError(f"{path}: empty file")

    def fail(no: int, why: str) -> InstanceFormatError:
        return InstanceFormatError(f"{path}:{no}: {why}")

    no, head = lines[0]
    if len(head) != 5:
        raise fail(no, f"header must be 'K N T Q L', got {len(head)} fields")
    try:
        nveh, nnodes, duration, capacity = int(head[0]), int(head[1]), float(head[2]), int(head[3])
        ride = float(head[4])
    except ValueError as exc:
        raise fail(no, f"bad header value: {exc}") from None
    if nveh < 1 or nnodes < 0 or nnodes % 2:
        raise fail(no, "K must be positive and N an even number of nodes")
    n = nnodes // 2
    rows: list[tuple[float, ...]] = []
    for no, fields in lines[1:]:
        if len(fields) != 7:
            raise fail(no, f"node line must be 'id x y d q e l', got {len(fields)} fields")
        try:
            node = int(fields[0])
            values = tuple(float(x) for x in fields[1:])
        except ValueError as exc:
            raise fail(no, f"bad number: {exc}") from None
        if node != len(rows):
            raise fail(no, f"expected node {len(rows)}, got {node}")
        if values[4] > values[5]:
            raise fail(no, f"window {values[4]:g} {values[5]:g} ends before it starts")
        rows.append(values)
    if len(rows) not in (2 * n + 1, 2 * n + 2):
        last = lines[-1][0]
        raise fail(last, f"expected {2 * n + 1} or {2 * n + 2} node lines, got {len(rows)}")
    if len(rows) == 2 * n + 1:
        rows.append(rows[0])  # the end depot is a copy of the start depot
    data = np.array(rows, dtype=np.float64)
    xy = data[:, :2]
    dist = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    requests = tuple(
        Request(
            pickup=i,
            dropoff=i + n,
            pickup_window=(data[i, 4], data[i, 5]),
            dropoff_window=(data[i + n, 4], data[i + n, 5]),
            pickup_service=data[i, 2],
            dropoff_service=data[i + n, 2],
            load=int(data[i, 3]),
            max_ride_time=ride,
            name=str(i),
        )
        for i in range(1, n + 1)
    )
    shift = (float(data[0, 4]), float(data[2 * n + 1, 5]))
    vehicles = tuple(
        Vehicle(
            seats=capacity,
            start_depot=0,
            end_depot=2 * n + 1,
            shift=shift,
            max_duration=duration,
            name=str(k),
        )
        for k in range(nveh)
    )
    try:
        problem = Problem(requests, vehicles, dist, dist, name=path.stem)
    except ValueError as exc:
        raise InstanceFormatError(f"{path}: {exc}") from None
    return CordeauInstance(path.stem, problem, duration, capacity, ride)


def solution_json(
    instance: CordeauInstance, plan: Plan, cost: float, seconds: float
) -> dict[str, Any]:
    """The CLI's JSON document: routes of node ids (depots left out) with service start times."""
    return {
        "instance": instance.name,
        "cost": cost,
        "routes": [
            {
                "stops": [
                    {"node": instance.node_id(stop.request, stop.pickup), "time": stop.time}
                    for stop in route.stops
                ]
            }
            for route in plan.routes
        ],
        "unserved": [instance.node_id(u.request, True) for u in plan.unserved],
        "seconds": seconds,
    }
