from __future__ import annotations

import numpy as np
import pytest

from smartvillage.optim.traveltime import StraightLine, TravelMatrix, TravelTimeProvider


def _matrix(seconds: list[list[float]], **extra: object) -> TravelMatrix:
    arr = np.array(seconds, dtype=float)
    return TravelMatrix(seconds=arr, metres=arr * 10, **extra)  # type: ignore[arg-type]


def test_it_lists_unreachable_pairs() -> None:
    m = _matrix([[0, 5, np.inf], [5, 0, np.inf], [np.inf, 7, 0]], unreachable_points={2})

    assert m.unreachable_pairs == [(0, 2), (1, 2), (2, 0)]
    assert not m.is_reachable(0, 2)
    assert m.is_reachable(2, 1)
    assert len(m) == 3


def test_it_is_read_only() -> None:
    m = _matrix([[0, 1], [1, 0]])

    with pytest.raises(ValueError, match="read-only"):
        m.seconds[0, 1] = 3


def test_it_rejects_non_square_arrays() -> None:
    with pytest.raises(ValueError, match="square"):
        TravelMatrix(seconds=np.zeros((2, 3)), metres=np.zeros((2, 3)))


def test_it_rejects_inf_in_only_one_array() -> None:
    seconds = np.array([[0.0, np.inf], [1.0, 0.0]])

    with pytest.raises(ValueError, match="same pairs"):
        TravelMatrix(seconds=seconds, metres=np.zeros((2, 2)))


def test_it_rejects_unreachable_index_out_of_range() -> None:
    with pytest.raises(ValueError, match="outside"):
        _matrix([[0.0]], unreachable_points={1})


def test_providers_satisfy_the_protocol() -> None:
    assert isinstance(StraightLine(), TravelTimeProvider)
