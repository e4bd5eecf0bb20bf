"""A brute-force search for checking RAPTOR: Dijkstra over (stop, vehicles used) events.

Independent of the rounds and of the patterns: from a stop one may board *any* trip that
leaves it no earlier than one is ready, and ride it to *any* later stop; after a vehicle, wait
the stop's change time or take one footpath. Same transfer rules as the timetable (its
``change_s`` and ``footpaths``), nothing else shared.
"""

from __future__ import annotations

import heapq

from smartvillage.optim.transit.raptor import INF, Timetable


def best_by_rides(
    tt: Timetable, sources: dict[str, int], targets: dict[str, int], max_rides: int
) -> list[int]:
    """The earliest arrival (egress included) with at most k vehicles, k = 0..max_rides."""
    idx = tt.index
    trips = [
        (pattern.stops, pattern.arr[j], pattern.dep[j])
        for pattern in tt.patterns
        for j in range(len(pattern.trip_ids))
    ]
    egress = {idx[s]: e for s, e in targets.items() if s in idx}
    best = [INF] * (max_rides + 1)

    def arrive(stop: int, t: int, rides: int) -> None:
        if stop in egress:
            for k in range(rides, max_rides + 1):
                best[k] = min(best[k], t + egress[stop])

    ready: dict[tuple[int, int], int] = {}
    heap: list[tuple[int, int, int]] = []
    for s, t in sources.items():
        if s in idx:
            heapq.heappush(heap, (t, idx[s], 0))
            arrive(idx[s], t, 0)
    while heap:
        t, stop, rides = heapq.heappop(heap)
        if ready.get((stop, rides), INF) <= t:
            continue
        ready[(stop, rides)] = t
        if rides == max_rides:
            continue
        for stops, arr, dep in trips:
            for i, p in enumerate(stops[:-1]):
                if p != stop or dep[i] < t:
                    continue
                for m in range(i + 1, len(stops)):
                    q, a = stops[m], arr[m]
                    arrive(q, a, rides + 1)
                    heapq.heappush(heap, (a + tt.change_s[q], q, rides + 1))
                    for r, seconds in tt.footpaths[q]:
                        arrive(r, a + seconds, rides + 1)
                        heapq.heappush(heap, (a + seconds, r, rides + 1))
    return best
