"""The RAPTOR rounds on flat arrays, compiled by numba when it is installed.

Written in the subset of Python that numba compiles (as ``optim.darp``'s kernels): without
numba, or with ``SMARTVILLAGE_DARP_NOJIT=1``, the same function runs as plain Python (correct,
slower). ``raptor._Search`` keeps the labels and reads the journeys back from the parents.

Parent kinds: 0 none (not improved in that round), 1 source, 2 ride, 3 walk.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..darp._jit import njit

INF = 1 << 40
NONE, SOURCE, RIDE, WALK = 0, 1, 2, 3


@njit
def rounds(  # noqa: C901 - one loop nest, as in the paper
    pat_stop_off: Any, pat_stops: Any, pat_ntrips: Any, pat_time_off: Any, arr_flat: Any,
    dep_flat: Any, ra_off: Any, ra_pat: Any, ra_pos: Any, fp_off: Any, fp_to: Any, fp_sec: Any,
    change: Any, ready: Any, arr: Any, ride: Any, pr_kind: Any, pr_from: Any, pa_kind: Any,
    pa_from: Any, p_ride: Any, best_at_target: Any, tgt_stop: Any, tgt_egress: Any,
    src_stop: Any, src_time: Any, k_max: int, limit: int,
) -> None:  # fmt: skip
    n = ready.shape[1]
    n_pat = pat_ntrips.shape[0]
    marked = np.zeros(n, dtype=np.bool_)
    marked_list = np.empty(n, dtype=np.int64)
    n_marked = 0
    for i in range(src_stop.shape[0]):
        s, t = src_stop[i], src_time[i]
        if t < ready[0, s]:
            ready[0, s] = t
            arr[0, s] = t
            pr_kind[0, s] = SOURCE
            pr_from[0, s] = s
            pa_kind[0, s] = SOURCE
            pa_from[0, s] = s
            if not marked[s]:
                marked[s] = True
                marked_list[n_marked] = s
                n_marked += 1
    _update_target(arr, best_at_target, tgt_stop, tgt_egress, 0, k_max)
    q_first = np.full(n_pat, -1, dtype=np.int64)
    q_last = np.full(n_pat, -1, dtype=np.int64)
    queued = np.empty(n_pat, dtype=np.int64)
    improved = np.zeros(n, dtype=np.bool_)
    improved_list = np.empty(n, dtype=np.int64)
    for k in range(1, k_max + 1):
        if n_marked == 0:
            break
        for p in range(n):  # labels with at most k vehicles include those with at most k - 1
            if ready[k - 1, p] < ready[k, p]:
                ready[k, p] = ready[k - 1, p]
            if arr[k - 1, p] < arr[k, p]:
                arr[k, p] = arr[k - 1, p]
            if ride[k - 1, p] < ride[k, p]:
                ride[k, p] = ride[k - 1, p]
        n_queued = 0
        for m in range(n_marked):
            s = marked_list[m]
            for e in range(ra_off[s], ra_off[s + 1]):
                r, pos = ra_pat[e], ra_pos[e]
                if q_first[r] < 0:
                    q_first[r] = pos
                    q_last[r] = pos
                    queued[n_queued] = r
                    n_queued += 1
                elif pos < q_first[r]:
                    q_first[r] = pos
                elif pos > q_last[r]:
                    q_last[r] = pos
        bound = min(best_at_target[k], limit)
        n_improved = 0
        for qi in range(n_queued):
            r = queued[qi]
            first, last = q_first[r], q_last[r]
            q_first[r] = -1
            q_last[r] = -1
            base = pat_stop_off[r]
            length = pat_stop_off[r + 1] - base
            n_trips = pat_ntrips[r]
            toff = pat_time_off[r]
            trip = -1
            board = -1
            for pos in range(first, length):
                p = pat_stops[base + pos]
                if trip >= 0:
                    a = arr_flat[toff + trip * length + pos]
                    if a >= bound:
                        if pos > last:
                            break  # later stops are later still, and none to board at
                    elif a < ride[k, p]:
                        ride[k, p] = a
                        p_ride[k, p, 0] = r
                        p_ride[k, p, 1] = trip
                        p_ride[k, p, 2] = board
                        p_ride[k, p, 3] = pos
                        if not improved[p]:
                            improved[p] = True
                            improved_list[n_improved] = p
                            n_improved += 1
                        if a < arr[k, p]:
                            arr[k, p] = a
                            pa_kind[k, p] = RIDE
                            pa_from[k, p] = p
                        if a + change[p] < ready[k, p]:
                            ready[k, p] = a + change[p]
                            pr_kind[k, p] = RIDE
                            pr_from[k, p] = p
                elif pos > last:
                    break
                # Boarding can only improve at a stop improved in the previous round.
                if pos > last or not marked[p]:
                    continue
                t_board = ready[k - 1, p]
                if t_board >= INF:
                    continue
                if trip >= 0 and t_board > dep_flat[toff + trip * length + pos]:
                    continue
                lo = 0
                hi = trip if trip >= 0 else n_trips
                top = hi
                while lo < hi:  # the earliest trip leaving pos at or after t_board
                    mid = (lo + hi) // 2
                    if dep_flat[toff + mid * length + pos] < t_board:
                        lo = mid + 1
                    else:
                        hi = mid
                if lo < top:
                    trip = lo
                    board = pos
        for m in range(n_marked):
            marked[marked_list[m]] = False
        n_marked = 0
        for i in range(n_improved):
            p = improved_list[i]
            from_ride = pr_kind[k, p] == RIDE and ready[k, p] == ride[k, p] + change[p]
            if from_ride and not marked[p]:
                marked[p] = True
                marked_list[n_marked] = p
                n_marked += 1
        for i in range(n_improved):
            p = improved_list[i]
            improved[p] = False
            a = ride[k, p]
            for e in range(fp_off[p], fp_off[p + 1]):
                q = fp_to[e]
                t = a + fp_sec[e]
                if t >= bound:
                    continue
                if t < ready[k, q]:
                    ready[k, q] = t
                    pr_kind[k, q] = WALK
                    pr_from[k, q] = p
                    if not marked[q]:
                        marked[q] = True
                        marked_list[n_marked] = q
                        n_marked += 1
                if t < arr[k, q]:
                    arr[k, q] = t
                    pa_kind[k, q] = WALK
                    pa_from[k, q] = p
        _update_target(arr, best_at_target, tgt_stop, tgt_egress, k, k_max)


@njit
def _update_target(arr: Any, best_at_target: Any, tgt_stop: Any, tgt_egress: Any, k: int,
                   k_max: int) -> None:  # fmt: skip
    best = INF
    for i in range(tgt_stop.shape[0]):
        v = arr[k, tgt_stop[i]] + tgt_egress[i]
        if v < best:
            best = v
    for j in range(k, k_max + 1):
        if best < best_at_target[j]:
            best_at_target[j] = best
