from __future__ import annotations

import math

import numpy as np
import pytest

from smartvillage.optim.traveltime import StraightLine

GRENOBLE = (45.1885, 5.7245)
LYON = (45.7640, 4.8357)


def _law_of_cosines_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance by the spherical law of cosines (not the haversine)."""
    p1, l1, p2, l2 = map(math.radians, (*a, *b))
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(l2 - l1)
    return 6_371_000 * math.acos(c)


def test_it_matches_an_independent_great_circle_distance() -> None:
    m = StraightLine(detour_factor=1.0).matrix([GRENOBLE, LYON])

    assert m.metres[0, 1] == pytest.approx(_law_of_cosines_m(GRENOBLE, LYON), rel=1e-3)
    # Published crow-flies distance Grenoble - Lyon city centres: about 95 km.
    assert 93_000 < m.metres[0, 1] < 97_000


def test_it_applies_detour_and_speed() -> None:
    m = StraightLine(detour_factor=1.5, speed_kmh=60).matrix([GRENOBLE, LYON])
    crow = _law_of_cosines_m(GRENOBLE, LYON)

    assert m.metres[0, 1] == pytest.approx(1.5 * crow, rel=1e-3)
    assert m.seconds[0, 1] == pytest.approx(1.5 * crow / (60 / 3.6), rel=1e-3)


def test_it_scales_with_factor_and_speed() -> None:
    points = [GRENOBLE, LYON, (45.05, 5.45)]
    base = StraightLine(detour_factor=1.2, speed_kmh=40).matrix(points)
    longer = StraightLine(detour_factor=2.4, speed_kmh=40).matrix(points)
    faster = StraightLine(detour_factor=1.2, speed_kmh=80).matrix(points)

    np.testing.assert_allclose(longer.metres, 2 * base.metres)
    np.testing.assert_allclose(longer.seconds, 2 * base.seconds)
    np.testing.assert_allclose(faster.metres, base.metres)
    np.testing.assert_allclose(faster.seconds, base.seconds / 2)


def test_it_is_symmetric_with_zero_diagonal() -> None:
    rng = np.random.default_rng(1)
    points = [(float(a), float(b)) for a, b in rng.uniform([44.5, 4.8], [45.5, 6.2], (20, 2))]

    m = StraightLine().matrix(points)

    np.testing.assert_allclose(m.seconds, m.seconds.T)
    assert (np.diag(m.seconds) == 0).all()
    assert (np.diag(m.metres) == 0).all()
    assert np.isfinite(m.seconds).all()
    assert m.unreachable_points == frozenset()
    assert m.unreachable_pairs == []


def test_it_handles_no_point_and_one_point() -> None:
    assert StraightLine().matrix([]).seconds.shape == (0, 0)
    assert StraightLine().matrix([GRENOBLE]).seconds.tolist() == [[0.0]]


@pytest.mark.parametrize(
    "points", [[(91.0, 5.0)], [(45.0, 181.0)], [(float("nan"), 5.0)], [(45.0, 5.0, 1.0)]]
)
def test_it_rejects_invalid_points(points: list[tuple[float, ...]]) -> None:
    with pytest.raises(ValueError, match="point"):
        StraightLine().matrix(points)  # type: ignore[arg-type]


@pytest.mark.parametrize(("factor", "speed"), [(0.9, 40.0), (1.3, 0.0), (1.3, float("inf"))])
def test_it_rejects_invalid_parameters(factor: float, speed: float) -> None:
    with pytest.raises(ValueError, match="must be"):
        StraightLine(detour_factor=factor, speed_kmh=speed)
