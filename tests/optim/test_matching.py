"""The matching module: detour and shared-part rules, time, seats, the pre-filter's recall."""

from __future__ import annotations

import random

import numpy as np
import pytest

from smartvillage.optim.matching import MatchParams, Offer, OfferIndex, Query, search
from smartvillage.optim.traveltime import StraightLine

CHAPELLE = (44.9703, 5.4142)
MARTIN = (45.0233, 5.4439)
VILLARD = (45.0708, 5.5560)
GRENOBLE = (45.1885, 5.7245)
VASSIEUX = (44.8960, 5.3720)


def offer(id_, route, departure=0.0, seats=3, flex=0.0):
    return Offer(id=id_, route=tuple(route), departure_s=departure, seats=seats, flex_s=flex)


def test_it_matches_a_passenger_along_the_route():
    found = search([offer(1, [CHAPELLE, VILLARD])], Query(MARTIN, VILLARD, 600, flex_s=1800))
    assert [m.offer_id for m in found] == [1]
    assert found[0].detour_ratio <= 0.25
    assert found[0].pickup_s > 0  # the driver reaches Saint-Martin after leaving


def test_it_rejects_a_detour_above_the_limit():
    # Vassieux is behind La Chapelle: fetching a passenger there costs far more than 25 %.
    query = Query(VASSIEUX, VILLARD, 600, flex_s=3600)
    assert search([offer(1, [CHAPELLE, VILLARD])], query) == []
    loose = search([offer(1, [CHAPELLE, VILLARD])], query, MatchParams(max_detour_ratio=2.0))
    assert [m.offer_id for m in loose] == [1]


def test_it_rejects_a_shared_part_below_the_minimum():
    short = Query(CHAPELLE, (44.985, 5.42), 0, flex_s=1800)  # 2 km of a 40 km trip
    assert search([offer(1, [CHAPELLE, GRENOBLE])], short) == []
    hitch = MatchParams(min_shared_ratio=0.0)
    assert len(search([offer(1, [CHAPELLE, GRENOBLE])], short, hitch)) == 1


def test_it_rejects_incompatible_times_and_missing_seats():
    offers = [offer(1, [CHAPELLE, VILLARD], departure=10_000)]
    assert search(offers, Query(CHAPELLE, VILLARD, 0, flex_s=1800)) == []
    assert len(search(offers, Query(CHAPELLE, VILLARD, 10_000, flex_s=1800))) == 1
    assert search(offers, Query(CHAPELLE, VILLARD, 10_000, seats=4, flex_s=1800)) == []


def test_the_offer_flexibility_widens_the_window():
    offers = [offer(1, [CHAPELLE, VILLARD], departure=4000, flex=1800)]
    assert len(search(offers, Query(CHAPELLE, VILLARD, 0, flex_s=2400))) == 1
    assert (
        search([offer(1, [CHAPELLE, VILLARD], 4000)], Query(CHAPELLE, VILLARD, 0, flex_s=2400))
        == []
    )


def test_it_inserts_the_passenger_into_a_route_with_via_points():
    # The driver goes La Chapelle → Saint-Martin → Villard; the passenger joins at Saint-Martin.
    found = search([offer(1, [CHAPELLE, MARTIN, VILLARD])], Query(MARTIN, VILLARD, 0, flex_s=3600))
    assert len(found) == 1
    assert found[0].detour_m == pytest.approx(0, abs=50)


def test_the_provider_check_agrees_with_straight_lines():
    offers = [offer(1, [CHAPELLE, VILLARD]), offer(2, [VASSIEUX, GRENOBLE])]
    query = Query(MARTIN, VILLARD, 600, flex_s=3600)
    plain = search(offers, query)
    road = search(offers, query, provider=StraightLine())
    assert [m.offer_id for m in plain] == [m.offer_id for m in road]
    assert road[0].detour_ratio == pytest.approx(plain[0].detour_ratio, abs=0.01)


def test_the_prefilter_loses_no_match():
    """Compared with checking every offer exactly (no index), on random offers."""
    rng = random.Random(3)

    def point():
        return (rng.uniform(44.7, 45.3), rng.uniform(5.0, 5.9))

    offers = [
        offer(i, [point() for _ in range(rng.choice([2, 2, 3]))], rng.uniform(0, 20_000), 3)
        for i in range(600)
    ]
    index = OfferIndex(offers, MatchParams(max_results=10_000))
    total = 0
    for _ in range(40):
        query = Query(point(), point(), rng.uniform(0, 20_000), flex_s=1800)
        everything = index._exact_straight(np.arange(len(offers)), query, 1800, index.params)
        expected = sorted(m.offer_id for m in everything)
        got = sorted(m.offer_id for m in index.search(query))
        assert got == expected
        total += len(got)
    assert total > 0  # the comparison saw matches, not only empty answers


def test_it_refuses_bad_offers_and_parameters():
    with pytest.raises(ValueError, match="route"):
        Offer(1, ((45.0, 5.0),), 0)
    with pytest.raises(ValueError, match="unique"):
        OfferIndex([offer(1, [CHAPELLE, VILLARD]), offer(1, [CHAPELLE, VILLARD])])
    with pytest.raises(ValueError, match="max_detour_ratio"):
        MatchParams(max_detour_ratio=-1)


def test_an_empty_index_finds_nothing():
    assert OfferIndex([]).search(Query(CHAPELLE, VILLARD, 0)) == []
