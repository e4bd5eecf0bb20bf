"""smartvillage.optim.coverage: nearest times, covered population, exact and greedy MCLP."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from smartvillage.optim.coverage import (
    build_instance,
    covered_population,
    nearest_seconds,
    order_by_gain,
    solve_exact,
    solve_greedy,
)


def brute_force(instance, k: int) -> int:
    best = 0
    for size in range(k + 1):
        for sites in itertools.combinations(range(instance.n_candidates), size):
            best = max(best, instance.gain(sites))
    return best


def test_nearest_seconds_and_covered_population():
    seconds = np.array([[100.0, 2000.0], [1500.0, np.inf], [np.inf, np.inf]])
    nearest = nearest_seconds(seconds)
    assert list(nearest) == [100.0, 1500.0, np.inf]
    assert covered_population([10, 20, 30], nearest, 900) == 10
    assert list(nearest_seconds(np.zeros((2, 0)))) == [np.inf, np.inf]


def test_greedy_is_fooled_where_the_exact_method_is_not():
    # Candidates M, L, R. M covers x and y (12 people); L covers x and l; R covers y and r
    # (11 each). With k = 2 greedy opens M first, then L or R (+5): 17. The optimum is L + R: 22.
    population = [6, 6, 5, 5]  # x, y, l, r
    reach = np.array(
        [
            [1, 1, 0],  # x: M, L
            [1, 0, 1],  # y: M, R
            [0, 1, 0],  # l: L
            [0, 0, 1],  # r: R
        ]
    )
    seconds = np.where(reach == 1, 60.0, 5000.0)
    instance = build_instance(population, np.zeros((4, 0)), seconds, 900)
    greedy = solve_greedy(instance, 2)
    exact = solve_exact(instance, 2)
    assert greedy.newly_covered == 17
    assert greedy.sites[0] == 0
    assert exact.optimal
    assert exact.newly_covered == brute_force(instance, 2) == 22
    assert sorted(exact.sites) == [1, 2]
    assert sum(exact.gains) == exact.newly_covered
    assert list(exact.gains) == sorted(exact.gains, reverse=True)


def test_already_covered_people_count_for_nothing():
    population = [100, 1]
    existing = np.array([[60.0], [5000.0]])
    candidates = np.array([[60.0, 5000.0], [5000.0, 60.0]])
    instance = build_instance(population, existing, candidates, 900)
    exact = solve_exact(instance, 1)
    assert exact.sites == (1,)
    assert exact.newly_covered == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exact_matches_brute_force_on_random_instances(seed):
    rng = np.random.default_rng(seed)
    n, c, k = 25, 9, 3
    population = rng.integers(0, 1000, size=n)
    seconds = rng.uniform(0, 3000, size=(n, c))
    existing = rng.uniform(0, 3000, size=(n, 1))
    instance = build_instance(population, existing, seconds, 900)
    exact = solve_exact(instance, k)
    assert exact.optimal
    assert exact.newly_covered == brute_force(instance, k) == instance.gain(exact.sites)
    assert solve_greedy(instance, k).newly_covered <= exact.newly_covered


def test_results_are_the_same_on_every_run():
    rng = np.random.default_rng(7)
    instance = build_instance(
        rng.integers(0, 500, 40), np.zeros((40, 0)), rng.uniform(0, 2000, (40, 15)), 600
    )
    first, second = solve_exact(instance, 4), solve_exact(instance, 4)
    assert (first.sites, first.gains) == (second.sites, second.gains)


def test_order_by_gain_sums_to_the_total():
    rng = np.random.default_rng(3)
    instance = build_instance(
        rng.integers(0, 500, 30), np.zeros((30, 0)), rng.uniform(0, 2000, (30, 8)), 700
    )
    order, gains = order_by_gain(instance, [0, 3, 5])
    assert sorted(order) == [0, 3, 5]
    assert sum(gains) == instance.gain([0, 3, 5])


def test_k_zero_and_bad_k():
    instance = build_instance([1, 2], np.zeros((2, 0)), np.array([[1.0], [1.0]]), 10)
    assert solve_exact(instance, 0).sites == ()
    assert solve_greedy(instance, 0).sites == ()
    with pytest.raises(ValueError, match="k must be non-negative"):
        solve_greedy(instance, -1)
