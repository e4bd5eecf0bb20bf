"""RAPTOR and rRAPTOR: known journeys on a hand-made feed, optimality against a brute force."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartvillage.optim.transit import RideLeg, Timetable, WalkLeg, read_feed
from smartvillage.optim.transit.raptor import INF, Journey

from .brute import best_by_rides

MONDAY = date(2026, 12, 7)
CAL = (
    "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
    "WK,1,1,1,1,1,0,0,20260101,20271231\n"
)


def h(text: str) -> int:
    hh, mm = text.split(":")
    return int(hh) * 3600 + int(mm) * 60


def feed_text(stops, trips, transfers=""):
    """stops: [(id, lat, lon)]; trips: [(trip id, route id, [(stop, "HH:MM"), ...])]."""
    files = {
        "stops.txt": "stop_id,stop_name,stop_lat,stop_lon\n"
        + "".join(f"{s},{s},{lat},{lon}\n" for s, lat, lon in stops),
        "routes.txt": "route_id,route_short_name,route_type\n"
        + "".join(f"{r},{r},3\n" for r in sorted({t[1] for t in trips})),
        "trips.txt": "route_id,service_id,trip_id\n"
        + "".join(f"{r},WK,{t}\n" for t, r, _ in trips),
        "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        + "".join(
            f"{t},{hm}:00,{hm}:00,{s},{i}\n"
            for t, _r, calls in trips
            for i, (s, hm) in enumerate(calls)
        ),  # fmt: skip
        "calendar.txt": CAL,
    }
    if transfers:
        files["transfers.txt"] = "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n" + (
            transfers
        )
    return files


# Vercors-like line: A (Vassieux) - B (La Chapelle) - C (Saint-Martin) ; B' is 200 m from B.
STOPS = [
    ("A", 44.896, 5.372), ("B", 44.970, 5.414), ("B2", 44.9718, 5.414),
    ("C", 45.023, 5.444), ("D", 45.060, 5.300),
]  # fmt: skip


def test_it_finds_the_direct_trip_and_the_faster_connection():
    trips = [
        ("slow", "L1", [("A", "08:00"), ("B", "08:30"), ("C", "09:30")]),
        ("fast", "L2", [("B", "08:40"), ("C", "09:00")]),
    ]
    feed, report = read_feed(feed_text(STOPS, trips))
    assert report.ok
    tt = Timetable(feed, MONDAY)
    found = tt.earliest_arrival({"A": h("07:55")}, {"C": 0})
    assert [(j.rides, j.arrival) for j in found] == [(1, h("09:30")), (2, h("09:00"))]
    legs = found[1].legs
    assert [(leg.trip_id, leg.from_stop, leg.to_stop) for leg in legs] == [
        ("slow", "A", "B"), ("fast", "B", "C"),
    ]  # fmt: skip


def test_it_respects_the_change_time_at_a_stop():
    trips = [
        ("in", "L1", [("A", "08:00"), ("B", "08:30")]),
        ("tight", "L2", [("B", "08:31"), ("C", "08:50")]),
        ("later", "L2", [("B", "09:00"), ("C", "09:20")]),
    ]
    transfers = "B,B,2,120\n"
    feed, _ = read_feed(feed_text(STOPS, trips, transfers))
    found = Timetable(feed, MONDAY).earliest_arrival({"A": h("08:00")}, {"C": 0})
    assert [j.arrival for j in found] == [h("09:20")]  # 1 minute is less than the 2 needed


def test_it_walks_between_nearby_stops():
    trips = [
        ("in", "L1", [("A", "08:00"), ("B", "08:30")]),
        ("out", "L2", [("B2", "08:40"), ("C", "09:00")]),
    ]
    feed, _ = read_feed(feed_text(STOPS, trips))
    found = Timetable(feed, MONDAY, walk_radius_m=400).earliest_arrival({"A": h("08:00")}, {"C": 0})
    assert len(found) == 1
    kinds = [type(leg) for leg in found[0].legs]
    assert kinds == [RideLeg, WalkLeg, RideLeg]
    walk = found[0].legs[1]
    assert walk.from_stop == "B"
    assert walk.to_stop == "B2"
    assert 200 < walk.seconds < 300
    # Without the walk the connection does not exist.
    assert (
        Timetable(feed, MONDAY, walk_radius_m=0).earliest_arrival({"A": h("08:00")}, {"C": 0}) == []
    )


def test_a_transfer_of_type_3_forbids_the_walk():
    trips = [
        ("in", "L1", [("A", "08:00"), ("B", "08:30")]),
        ("out", "L2", [("B2", "08:40"), ("C", "09:00")]),
    ]
    feed, _ = read_feed(feed_text(STOPS, trips, "B,B2,3,\n"))
    assert Timetable(feed, MONDAY).earliest_arrival({"A": h("08:00")}, {"C": 0}) == []


def test_it_only_runs_trips_of_the_day_and_its_exceptions():
    trips = [("t", "L1", [("A", "08:00"), ("C", "09:00")])]
    files = feed_text(STOPS, trips)
    files["calendar_dates.txt"] = "service_id,date,exception_type\nWK,20261207,2\n"
    feed, _ = read_feed(files)
    assert Timetable(feed, MONDAY).earliest_arrival({"A": h("07:00")}, {"C": 0}) == []
    tuesday = Timetable(feed, date(2026, 12, 8))
    assert [j.arrival for j in tuesday.earliest_arrival({"A": h("07:00")}, {"C": 0})] == [
        h("09:00")
    ]
    saturday = Timetable(feed, date(2026, 12, 12))
    assert saturday.earliest_arrival({"A": h("07:00")}, {"C": 0}) == []


def test_the_profile_lists_every_departure_worth_taking():
    trips = [
        ("t1", "L1", [("A", "07:00"), ("C", "08:00")]),
        ("t2", "L1", [("A", "08:00"), ("C", "09:00")]),
        ("t3", "L1", [("A", "09:00"), ("C", "10:30")]),
        ("slow", "L3", [("A", "09:10"), ("C", "11:00")]),  # leaves later, arrives later: kept
    ]
    feed, _ = read_feed(feed_text(STOPS, trips))
    tt = Timetable(feed, MONDAY)
    found = tt.profile({"A": 300}, {"C": 0}, h("06:30"), h("09:30"))
    assert [(j.departure, j.arrival) for j in found] == [
        (h("06:55"), h("08:00")), (h("07:55"), h("09:00")), (h("08:55"), h("10:30")),
        (h("09:05"), h("11:00")),
    ]  # fmt: skip


def test_overtaking_trips_are_split_into_patterns():
    trips = [
        ("omnibus", "L1", [("A", "08:00"), ("B", "08:40"), ("C", "09:30")]),
        ("express", "L1", [("A", "08:10"), ("B", "08:30"), ("C", "08:50")]),
    ]
    feed, _ = read_feed(feed_text(STOPS, trips))
    tt = Timetable(feed, MONDAY)
    assert len(tt.patterns) == 2
    found = tt.earliest_arrival({"A": h("07:00")}, {"C": 0})
    assert [j.arrival for j in found] == [h("08:50")]


def test_a_wheelchair_timetable_leaves_out_inaccessible_trips_and_stops():
    files = feed_text(STOPS, [("t", "L1", [("A", "08:00"), ("C", "09:00")])])
    files["trips.txt"] = "route_id,service_id,trip_id,wheelchair_accessible\nL1,WK,t,2\n"
    feed, _ = read_feed(files)
    assert Timetable(feed, MONDAY, wheelchair=True).earliest_arrival({"A": 0}, {"C": 0}) == []
    assert Timetable(feed, MONDAY).earliest_arrival({"A": 0}, {"C": 0})


# --- Optimality against the brute force on random small feeds ----------------------------------


@st.composite
def small_feeds(draw):
    n = draw(st.integers(3, 6))
    # Stops on a line 0-1.5 km apart: some pairs within the 400 m walk.
    stops = [(f"S{i}", 45.0 + draw(st.integers(0, 14)) * 0.001, 5.4) for i in range(n)]
    trips = []
    for r in range(draw(st.integers(2, 5))):
        seq = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=5, unique=True))
        for t in range(draw(st.integers(1, 4))):
            start = draw(st.integers(0, 40))
            calls, clock = [], 8 * 60 + start
            for s in seq:
                calls.append((f"S{s}", f"{clock // 60:02d}:{clock % 60:02d}"))
                clock += draw(st.integers(1, 10))
            trips.append((f"r{r}t{t}", f"R{r}", calls))
    change = draw(st.sampled_from(["", "S0,S0,2,180\n"]))
    files = feed_text(stops, trips, change)
    sources = draw(
        st.dictionaries(
            st.sampled_from([s[0] for s in stops]),
            st.integers(h("07:50"), h("08:30")),
            min_size=1,
            max_size=2,
        )
    )
    # Targets apart from the sources, or walking there would win almost every example.
    others = [s[0] for s in stops if s[0] not in sources] or [stops[-1][0]]
    targets = draw(st.dictionaries(st.sampled_from(others), st.integers(0, 300), min_size=1,
                                   max_size=2))  # fmt: skip
    return files, sources, targets, draw(st.sampled_from([0, 120, 300]))


def check_journey(tt: Timetable, j: Journey, sources: dict[str, int]) -> None:
    """Each leg is a real ride or footpath, boarded no earlier than one is ready."""
    ready = sources[j.legs[0].from_stop]
    previous = None
    for leg in j.legs:
        if isinstance(leg, RideLeg):
            if isinstance(previous, RideLeg):
                assert leg.from_stop == previous.to_stop
                ready = previous.arrival + tt.change_s[tt.index[leg.from_stop]]
            assert leg.departure >= ready
            assert leg.arrival >= leg.departure
        else:
            assert isinstance(previous, RideLeg)
            assert previous.to_stop == leg.from_stop
            assert (tt.index[leg.to_stop], leg.seconds) in tt.footpaths[tt.index[leg.from_stop]]
            ready = previous.arrival + leg.seconds
        previous = leg


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_feeds())
def test_earliest_arrival_is_optimal_for_every_number_of_vehicles(case):
    files, sources, targets, change = case
    feed, report = read_feed(files)
    tt = Timetable(feed, MONDAY, default_change_s=change)
    expected = best_by_rides(tt, sources, targets, 4)
    found = tt.earliest_arrival(sources, targets, max_rides=4)
    walk_only = min((t + targets[s] for s, t in sources.items() if s in targets), default=INF)
    got = []
    for k in range(5):
        values = [j.arrival + targets[j.target] for j in found if j.rides <= k]
        got.append(min([walk_only, *values]))
    assert got == expected
    for j in found:
        check_journey(tt, j, sources)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_feeds())
def test_the_profile_equals_the_brute_force_at_every_departure(case):
    files, sources, targets, change = case
    feed, _ = read_feed(files)
    tt = Timetable(feed, MONDAY, default_change_s=change)
    access = {s: t % 300 for s, t in sources.items()}
    start, end = h("08:00"), h("09:30")
    found = tt.profile(access, targets, start, end, max_rides=3)
    # Every departure time worth trying: a trip leaving a source stop, minus its access.
    candidates = {
        d - access[tt.stop_ids[p]]
        for pattern in tt.patterns
        for pos, p in enumerate(pattern.stops)
        if tt.stop_ids[p] in access
        for d in pattern.dep_by_pos[pos]
        if start <= d - access[tt.stop_ids[p]] <= end
    }
    front = set()
    for t0 in candidates:
        best = best_by_rides(tt, {s: t0 + a for s, a in access.items()}, targets, 3)
        for k in range(1, 4):
            if best[k] < INF and best[k] < best[k - 1]:
                front.add((t0, best[k], k))
    front = {
        x for x in front
        if not any(y != x and y[0] >= x[0] and y[1] <= x[1] and y[2] <= x[2] for y in front)
    }  # fmt: skip
    got = {(j.departure, j.arrival + targets[j.target], j.rides) for j in found}
    got = {
        x for x in got
        if not any(y != x and y[0] >= x[0] and y[1] <= x[1] and y[2] <= x[2] for y in got)
    }  # fmt: skip
    # Journeys that equal walking straight to the target (no vehicle) are not in the front.
    assert got == front
    for j in found:
        check_journey(tt, j, {s: j.departure + a for s, a in access.items()})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_feeds(), st.integers(60, 3600))
def test_the_horizon_leaves_out_exactly_the_later_arrivals(case, horizon):
    files, sources, targets, change = case
    target = min(targets)
    feed, _ = read_feed(files)
    tt = Timetable(feed, MONDAY, default_change_s=change)
    limit = min(sources.values()) + horizon
    expected = [v if v < limit else INF for v in best_by_rides(tt, sources, {target: 0}, 4)]
    found = tt.earliest_arrival(sources, {target: 0}, max_rides=4, max_duration=horizon)
    walk_only = sources.get(target, INF)
    got = [min([walk_only, *(j.arrival for j in found if j.rides <= k)]) for k in range(5)]
    assert got == [min(e, walk_only) for e in expected]
