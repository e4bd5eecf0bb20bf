"""Hot loops of the solver on compact arrays (compiled by numba when it is installed).

Node layout (see :mod:`._arrays`): pickup of request ``r`` is node ``r``, its drop-off node
``n + r``, vehicle ``k`` starts at node ``2n + k`` and ends at node ``2n + K + k``. A route is a
row of node ids beginning with its start depot and ending with its end depot.

Route evaluation is exact. The service start times ``B`` of a fixed sequence must satisfy
difference constraints only: ``B[x+1] >= B[x] + s + t`` (waiting allowed), ``e <= B <= l``, the
ride limit ``B[drop] - B[pick] - s[pick] <= L`` and the route duration
``B[end] - B[start] <= T``. The least solution of the lower-bound constraints is computed by
Bellman-Ford style passes (forward sweep along the route, then the "backward" ride and duration
edges that push a pick-up or the departure later); the sequence is feasible exactly when that
least solution respects every upper bound. More than ``m + 1`` passes means a positive cycle,
i.e. infeasibility. Like Cordeau and Laporte's eight-step scheme this delays departures when
waiting would stretch a ride, but it is exact by construction.

Fast insertion prefilters use the earliest (``E``) and latest (``Z``) feasible times of the
current route; they are necessary conditions only when travel times obey the triangle inequality
(``metric``), otherwise only capacity prefilters are used. Every candidate that survives is
checked exactly, cheapest distance first.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._jit import njit

EPS = 1e-7
INF = np.inf

# numba-compiled functions are typed ``Any`` for mypy: their signatures are checked at runtime.
Array = Any


@njit
def satisfies_triangle(tt: Array) -> bool:
    """Whether ``tt[a, b] <= tt[a, c] + tt[c, b]`` for all locations (up to rounding)."""
    size = tt.shape[0]
    for c in range(size):
        for a in range(size):
            tac = tt[a, c]
            for b in range(size):
                if tt[a, b] > tac + tt[c, b] + 1e-6:
                    return False
    return True


@njit
def earliest(
    route: Array,
    m: int,
    k: int,
    tt: Array,
    e: Array,
    late: Array,
    s: Array,
    ride: Array,
    n: int,
    tmax: Array,
    pos: Array,
    out: Array,
) -> bool:
    """Earliest feasible service start times of ``route[:m]`` into ``out``; False if none."""
    out[0] = e[route[0]]
    for x in range(1, m):
        prev = route[x - 1]
        node = route[x]
        arrive = out[x - 1] + s[prev] + tt[prev, node]
        out[x] = arrive if arrive > e[node] else e[node]
        if out[x] > late[node] + EPS:
            return False
    for x in range(m):
        pos[route[x]] = x
    for _ in range(m + 1):
        low = m
        for x in range(1, m - 1):
            node = route[x]
            if n <= node < 2 * n:
                pick = node - n
                y = pos[pick]
                need = out[x] - s[pick] - ride[pick]
                if out[y] < need - EPS:
                    out[y] = need
                    if need > late[pick] + EPS:
                        return False
                    if y < low:
                        low = y
        need = out[m - 1] - tmax[k]
        if out[0] < need - EPS:
            out[0] = need
            if need > late[route[0]] + EPS:
                return False
            low = 0
        if low == m:
            return True
        for x in range(low + 1, m):
            prev = route[x - 1]
            node = route[x]
            arrive = out[x - 1] + s[prev] + tt[prev, node]
            if arrive > out[x]:
                out[x] = arrive
                if arrive > late[node] + EPS:
                    return False
    return False


@njit
def latest(
    route: Array,
    m: int,
    k: int,
    tt: Array,
    e: Array,
    late: Array,
    s: Array,
    ride: Array,
    n: int,
    tmax: Array,
    pos: Array,
    out: Array,
) -> bool:
    """Latest feasible service start times of ``route[:m]`` into ``out``; False if none."""
    out[m - 1] = late[route[m - 1]]
    for x in range(m - 2, -1, -1):
        node = route[x]
        nxt = route[x + 1]
        leave = out[x + 1] - s[node] - tt[node, nxt]
        out[x] = leave if leave < late[node] else late[node]
        if out[x] < e[node] - EPS:
            return False
    for x in range(m):
        pos[route[x]] = x
    for _ in range(m + 1):
        high = -1
        for x in range(1, m - 1):
            node = route[x]
            if node < n:
                y = pos[node + n]
                bound = out[x] + s[node] + ride[node]
                if out[y] > bound + EPS:
                    out[y] = bound
                    if bound < e[node + n] - EPS:
                        return False
                    if y > high:
                        high = y
        bound = out[0] + tmax[k]
        if out[m - 1] > bound + EPS:
            out[m - 1] = bound
            if bound < e[route[m - 1]] - EPS:
                return False
            high = m - 1
        if high < 0:
            return True
        for x in range(high - 1, -1, -1):
            node = route[x]
            nxt = route[x + 1]
            leave = out[x + 1] - s[node] - tt[node, nxt]
            if leave < out[x]:
                out[x] = leave
                if leave < e[node] - EPS:
                    return False
    return False


@njit
def refresh(
    k: int,
    routes: Array,
    rlen: Array,
    E: Array,
    Z: Array,
    LD: Array,
    WL: Array,
    P: Array,
    rcost: Array,
    tt: Array,
    dist: Array,
    e: Array,
    late: Array,
    s: Array,
    q: Array,
    w: Array,
    ride: Array,
    n: int,
    tmax: Array,
    pos: Array,
) -> bool:
    """Recompute the cached times, loads, path lengths and cost of route ``k``."""
    route = routes[k]
    m = rlen[k]
    ok = earliest(route, m, k, tt, e, late, s, ride, n, tmax, pos, E[k])
    ok = latest(route, m, k, tt, e, late, s, ride, n, tmax, pos, Z[k]) and ok
    LD[k, 0] = 0
    WL[k, 0] = 0
    P[k, 0] = 0.0
    cost = 0.0
    for x in range(1, m):
        prev = route[x - 1]
        node = route[x]
        LD[k, x] = LD[k, x - 1] + q[node]
        WL[k, x] = WL[k, x - 1] + w[node]
        P[k, x] = P[k, x - 1] + s[prev] + tt[prev, node]
        cost += dist[prev, node]
    rcost[k] = cost if m > 2 else 0.0
    return ok


@njit
def build(route: Array, m: int, i: int, j: int, p: int, d: int, out: Array) -> None:
    """``route[:m]`` with pick-up ``p`` after position ``i`` and drop-off ``d`` after ``j``.

    ``j == i`` puts the drop-off straight after the pick-up.
    """
    t = 0
    for x in range(i + 1):
        out[t] = route[x]
        t += 1
    out[t] = p
    t += 1
    for x in range(i + 1, j + 1):
        out[t] = route[x]
        t += 1
    out[t] = d
    t += 1
    for x in range(j + 1, m):
        out[t] = route[x]
        t += 1


@njit
def best_in_route(
    r: int,
    k: int,
    routes: Array,
    rlen: Array,
    E: Array,
    Z: Array,
    LD: Array,
    WL: Array,
    P: Array,
    tt: Array,
    dist: Array,
    e: Array,
    late: Array,
    s: Array,
    q: Array,
    w: Array,
    ride: Array,
    n: int,
    capq: Array,
    capw: Array,
    tmax: Array,
    metric: bool,
    pos: Array,
    times: Array,
    tmp: Array,
    cd: Array,
    ci: Array,
    cj: Array,
) -> tuple[float, int, int]:
    """Cheapest feasible insertion of request ``r`` into route ``k``.

    Returns ``(distance delta, i, j)`` (see :func:`build`), or ``(inf, -1, -1)``.
    """
    route = routes[k]
    m = rlen[k]
    p = r
    d = r + n
    qp = q[p]
    wp = w[p]
    cap = capq[k]
    wcap = capw[k]
    ek = E[k]
    zk = Z[k]
    ld = LD[k]
    wl = WL[k]
    pk = P[k]
    limit = ride[r]
    if tt[p, d] > limit + EPS:
        return INF, -1, -1
    cnt = 0
    for i in range(m - 1):
        if ld[i] + qp > cap or wl[i] + wp > wcap:
            continue
        ri = route[i]
        rn = route[i + 1]
        removed = dist[ri, rn] if m > 2 else 0.0
        bp = 0.0
        if metric:
            if ek[i] > late[p] + EPS:
                break  # every later position is reached even later
            ap = ek[i] + s[ri] + tt[ri, p]
            if ap > late[p] + EPS:
                continue
            bp = ap if ap > e[p] else e[p]
            ad = bp + s[p] + tt[p, d]
            bd = ad if ad > e[d] else e[d]
            ok = bd <= late[d] + EPS and bd + s[d] + tt[d, rn] <= zk[i + 1] + EPS
        else:
            ok = True
        if ok:
            cd[cnt] = dist[ri, p] + dist[p, d] + dist[d, rn] - removed
            ci[cnt] = i
            cj[cnt] = i
            cnt += 1
        if i >= m - 2:
            continue
        if metric and bp + s[p] + tt[p, rn] > zk[i + 1] + EPS:
            continue
        dp = dist[ri, p] + dist[p, rn] - dist[ri, rn]
        base = tt[p, rn] - pk[i + 1]
        for j in range(i + 1, m - 1):
            if ld[j] + qp > cap or wl[j] + wp > wcap:
                break
            rj = route[j]
            rjn = route[j + 1]
            path = base + pk[j]  # least time from the pick-up's departure to service at j
            if path > limit + EPS:
                break
            if path + s[rj] + tt[rj, d] > limit + EPS:
                continue
            if metric:
                tj = bp + s[p] + path
                if ek[j] > tj:
                    tj = ek[j]
                ad = tj + s[rj] + tt[rj, d]
                if ad > late[d] + EPS:
                    break  # with the triangle inequality later drop-offs arrive later still
                bd = ad if ad > e[d] else e[d]
                if bd + s[d] + tt[d, rjn] > zk[j + 1] + EPS:
                    continue
            cd[cnt] = dp + dist[rj, d] + dist[d, rjn] - dist[rj, rjn]
            ci[cnt] = i
            cj[cnt] = j
            cnt += 1
    while True:
        best = -1
        value = INF
        for c in range(cnt):
            if cd[c] < value:
                value = cd[c]
                best = c
        if best < 0:
            return INF, -1, -1
        build(route, m, ci[best], cj[best], p, d, tmp)
        if earliest(tmp, m + 2, k, tt, e, late, s, ride, n, tmax, pos, times):
            return value, ci[best], cj[best]
        cd[best] = INF


@njit
def insert_at(
    r: int, k: int, i: int, j: int, n: int, routes: Array, rlen: Array, tmp: Array
) -> None:
    """Insert request ``r`` into route ``k`` at ``(i, j)`` (see :func:`build`)."""
    m = rlen[k]
    build(routes[k], m, i, j, r, r + n, tmp)
    for x in range(m + 2):
        routes[k, x] = tmp[x]
    rlen[k] = m + 2


@njit
def remove_requests(reqs: Array, n: int, routes: Array, rlen: Array, changed: Array) -> None:
    """Remove the requests ``reqs`` from their routes; flag the routes touched in ``changed``."""
    size = 2 * n + 2 * routes.shape[0]
    gone = np.zeros(size, dtype=np.bool_)
    for r in reqs:
        gone[r] = True
        gone[r + n] = True
    for k in range(routes.shape[0]):
        m = rlen[k]
        t = 0
        for x in range(m):
            node = routes[k, x]
            if not gone[node]:
                routes[k, t] = node
                t += 1
        if t != m:
            changed[k] = True
            rlen[k] = t


@njit
def repair(
    reqs: Array,
    compat: Array,
    regret: int,
    noise: float,
    seed: int,
    routes: Array,
    rlen: Array,
    E: Array,
    Z: Array,
    LD: Array,
    WL: Array,
    P: Array,
    rcost: Array,
    tt: Array,
    dist: Array,
    e: Array,
    late: Array,
    s: Array,
    q: Array,
    w: Array,
    ride: Array,
    n: int,
    capq: Array,
    capw: Array,
    tmax: Array,
    metric: bool,
    assign: Array,
) -> int:
    """Insert the requests ``reqs`` one by one by regret-``regret`` (1 = greedy) insertion.

    ``noise`` (distance units) perturbs the compared costs uniformly in ``[-noise, noise]``.
    Requests that fit nowhere are left out (``assign[r] == -1``). Returns how many were inserted.
    """
    np.random.seed(seed)
    num = reqs.shape[0]
    nveh = routes.shape[0]
    # Scratch sized by the longest route this repair can build, not by the whole problem.
    width = min(routes.shape[1], rlen.max() + 2 * num)
    pos = np.zeros(2 * n + 2 * nveh, dtype=np.int64)
    times = np.zeros(width + 2, dtype=np.float64)
    tmp = np.zeros(width + 2, dtype=np.int64)
    ncand = (width + 2) * (width + 2) // 2 + width + 2
    cd = np.zeros(ncand, dtype=np.float64)
    ci = np.zeros(ncand, dtype=np.int64)
    cj = np.zeros(ncand, dtype=np.int64)
    cost = np.full((num, nveh), INF)
    bi = np.full((num, nveh), -1, dtype=np.int64)
    bj = np.full((num, nveh), -1, dtype=np.int64)
    pending = np.ones(num, dtype=np.bool_)
    top = np.zeros(nveh, dtype=np.float64)
    big = 1e7
    for a in range(num):
        r = reqs[a]
        for k in range(nveh):
            if compat[r, k]:
                c, i, j = best_in_route(
                    r,
                    k,
                    routes,
                    rlen,
                    E,
                    Z,
                    LD,
                    WL,
                    P,
                    tt,
                    dist,
                    e,
                    late,
                    s,
                    q,
                    w,
                    ride,
                    n,
                    capq,
                    capw,
                    tmax,
                    metric,
                    pos,
                    times,
                    tmp,
                    cd,
                    ci,
                    cj,
                )
                if c < INF and noise > 0.0:
                    c = max(0.0, c + noise * (2.0 * np.random.random() - 1.0))
                cost[a, k] = c
                bi[a, k] = i
                bj[a, k] = j
    inserted = 0
    while True:
        chosen = -1
        best_score = -INF
        best_first = INF
        for a in range(num):
            if not pending[a]:
                continue
            first = INF
            for k in range(nveh):
                if cost[a, k] < first:
                    first = cost[a, k]
            if first == INF:
                continue
            if regret <= 1:
                score = -first
            else:
                for k in range(nveh):
                    top[k] = cost[a, k] if cost[a, k] < big else big
                top.sort()
                score = 0.0
                for h in range(1, min(regret, nveh)):
                    score += top[h] - top[0]
            if score > best_score or (score == best_score and first < best_first):
                chosen = a
                best_score = score
                best_first = first
        if chosen < 0:
            return inserted
        vehicle = 0
        for k in range(nveh):
            if cost[chosen, k] < cost[chosen, vehicle]:
                vehicle = k
        r = reqs[chosen]
        insert_at(r, vehicle, bi[chosen, vehicle], bj[chosen, vehicle], n, routes, rlen, tmp)
        refresh(
            vehicle,
            routes,
            rlen,
            E,
            Z,
            LD,
            WL,
            P,
            rcost,
            tt,
            dist,
            e,
            late,
            s,
            q,
            w,
            ride,
            n,
            tmax,
            pos,
        )
        assign[r] = vehicle
        pending[chosen] = False
        inserted += 1
        for a in range(num):
            # With the triangle inequality a request that fitted nowhere in a route cannot
            # fit once the route holds one more request: skip it.
            if pending[a] and compat[reqs[a], vehicle] and (cost[a, vehicle] < INF or not metric):
                c, i, j = best_in_route(
                    reqs[a],
                    vehicle,
                    routes,
                    rlen,
                    E,
                    Z,
                    LD,
                    WL,
                    P,
                    tt,
                    dist,
                    e,
                    late,
                    s,
                    q,
                    w,
                    ride,
                    n,
                    capq,
                    capw,
                    tmax,
                    metric,
                    pos,
                    times,
                    tmp,
                    cd,
                    ci,
                    cj,
                )
                if c < INF and noise > 0.0:
                    c = max(0.0, c + noise * (2.0 * np.random.random() - 1.0))
                cost[a, vehicle] = c
                bi[a, vehicle] = i
                bj[a, vehicle] = j
