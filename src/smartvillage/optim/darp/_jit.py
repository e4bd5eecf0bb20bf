"""Optional numba compilation of the hot loops.

The route evaluation and insertion kernels are written in the subset of Python that numba
compiles. Without numba (or with ``SMARTVILLAGE_DARP_NOJIT=1``) the very same functions run as
plain Python: correct, about two orders of magnitude slower.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

try:  # pragma: no cover - depends on the environment
    if os.environ.get("SMARTVILLAGE_DARP_NOJIT"):
        raise ImportError("disabled by SMARTVILLAGE_DARP_NOJIT")
    import numba

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    HAVE_NUMBA = False


def njit(func: F) -> F:
    """Compile ``func`` in nopython mode with an on-disk cache, or return it unchanged."""
    if not HAVE_NUMBA:
        return func
    compiled: Any = numba.njit(cache=True, nogil=True)(func)
    return cast(F, compiled)
