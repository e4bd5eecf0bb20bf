"""Matching seasonal workers and jobs: ranked candidates for a job, ranked jobs for a worker.

Score (0–1) = half the share of the job's days covered by the worker's availability windows
(interval overlap, counted in days) + half the skill overlap, where a required skill weighs
``REQUIRED_WEIGHT`` and a preferred one 1 (a job naming no skill gives full marks there).
Hard filters, any of which removes the pair: a required licence or language the worker lacks;
a worker who needs housing and a job with neither housing provided nor help to find it; a
worker without a car and a job not reachable without one (``Job.reachable_without_car``,
computed from ``core.mobility`` when the job is saved); no day of overlap at all.

Privacy: a job's candidates are only workers who opted in (``open_to_offers``) or applied to
that job; the others never appear, whatever their score.

Speed: an in-memory :class:`Index` of numpy arrays (codes as bit masks, skills as a 0/1 matrix,
availability windows as flat arrays of day numbers) answers one query with a few vector
operations over every row (numpy, already a dependency). Each process keeps one index and,
before a query, compares it with the database (the latest ``updated`` and the row counts,
two indexed aggregates): changed rows are reloaded in place, a deletion rebuilds it.
``bench/seasonal_matching.py`` measures it at 20,000 workers × 5,000 jobs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
from django.db.models import Count, Max
from django.utils import timezone

from smartvillage.seasonal import rome
from smartvillage.seasonal.models import Application, Availability, Job, WorkerProfile

REQUIRED_WEIGHT = 2.0
COVERAGE_SHARE = 0.5
# Rows saved by a transaction that committed just after a reload may carry an earlier
# ``updated``: reloading everything changed since a little before the last build catches them
# (reloading a row twice is harmless).
RELOAD_MARGIN = timedelta(seconds=60)


@dataclass(frozen=True)
class Match:
    id: int  # the job's id, or the worker's user id
    score: float
    coverage: float  # share of the job's days the worker is available
    skills: float  # weighted share of the job's skills the worker has


def _bits(codes: Any, table: dict[str, int]) -> int:
    mask = 0
    for code in codes or ():
        if code in table:
            mask |= 1 << table[code]
    return mask


class _Codes:
    def __init__(self) -> None:
        self.languages = {c: i for i, c in enumerate(rome.LANGUAGES)}
        self.licences = {c: i for i, c in enumerate(rome.LICENCES)}
        self.skills = {c: i for i, c in enumerate(rome.skills())}

    def skill_row(self, codes: Any) -> np.ndarray:
        row = np.zeros(len(self.skills), dtype=np.float32)
        for code in codes or ():
            if code in self.skills:
                row[self.skills[code]] = 1.0
        return row


def _day(value: date) -> int:
    return value.toordinal()


class _Table:
    """Growable columns keyed by a database id (row position by id)."""

    def __init__(self, columns: dict[str, tuple[Any, tuple[int, ...]]]) -> None:
        self.columns = columns
        self.data = {name: np.zeros((0, *shape), dtype=dt) for name, (dt, shape) in columns.items()}
        self.position: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.position)

    def upsert(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        new = [(key, values) for key, values in rows if key not in self.position]
        for key, values in rows:
            if key in self.position:
                i = self.position[key]
                for name, value in values.items():
                    self.data[name][i] = value
        if new:
            start = len(self.position)
            for offset, (key, _values) in enumerate(new):
                self.position[key] = start + offset
            for name, (dt, _shape) in self.columns.items():
                added = np.array([values[name] for _k, values in new], dtype=dt)
                self.data[name] = np.concatenate([self.data[name], added])


class Index:
    """Every worker profile and every job, as arrays; see the module docstring."""

    def __init__(self) -> None:
        self.codes = _Codes()
        n_skills = len(self.codes.skills)
        self.workers = _Table(
            {
                "user": (np.int64, ()),
                "licences": (np.int64, ()),
                "languages": (np.int64, ()),
                "skills": (np.float32, (n_skills,)),
                "needs_housing": (np.bool_, ()),
                "has_car": (np.bool_, ()),
                "open": (np.bool_, ()),
            }
        )
        self.jobs = _Table(
            {
                "id": (np.int64, ()),
                "licences": (np.int64, ()),
                "languages": (np.int64, ()),
                "weights": (np.float32, (n_skills,)),
                "weight_total": (np.float32, ()),
                "housing": (np.bool_, ()),
                "reachable": (np.bool_, ()),
                "start": (np.int32, ()),
                "end": (np.int32, ()),
                "open": (np.bool_, ()),
            }
        )
        # Availability windows, flat: owner (row of ``workers``), first and last day.
        self.win_owner = np.zeros(0, dtype=np.int64)
        self.win_start = np.zeros(0, dtype=np.int32)
        self.win_end = np.zeros(0, dtype=np.int32)
        self.state: tuple[Any, ...] | None = None
        self.built_at: datetime | None = None

    # --- Loading ----------------------------------------------------------------------------

    def load_jobs(self, queryset: Any) -> None:
        c = self.codes
        rows = []
        for job in queryset.only(
            "id", "licences_required", "languages_required", "skills_required",
            "skills_preferred", "housing", "reachable_without_car", "starts_on", "ends_on",
            "status",
        ).iterator(chunk_size=2000):  # fmt: skip
            weights = c.skill_row(job.skills_required) * REQUIRED_WEIGHT + c.skill_row(
                job.skills_preferred
            )
            weights = np.minimum(weights, REQUIRED_WEIGHT)  # a skill both required and preferred
            rows.append(
                (
                    job.pk,
                    {
                        "id": job.pk,
                        "licences": _bits(job.licences_required, c.licences),
                        "languages": _bits(job.languages_required, c.languages),
                        "weights": weights,
                        "weight_total": float(weights.sum()),
                        "housing": job.housing != Job.Housing.NONE,
                        "reachable": job.reachable_without_car,
                        "start": _day(job.starts_on),
                        "end": _day(job.ends_on),
                        "open": job.status == Job.Status.OPEN,
                    },
                )
            )
        self.jobs.upsert(rows)

    def load_workers(self, queryset: Any) -> None:
        c = self.codes
        profiles = list(
            queryset.only(
                "id", "user_id", "licences", "languages", "skills", "needs_housing", "has_car",
                "open_to_offers",
            )
        )  # fmt: skip
        self.workers.upsert(
            [
                (
                    p.pk,
                    {
                        "user": p.user_id,
                        "licences": _bits(p.licences, c.licences),
                        "languages": _bits(p.languages, c.languages),
                        "skills": c.skill_row(p.skills),
                        "needs_housing": p.needs_housing,
                        "has_car": p.has_car,
                        "open": p.open_to_offers,
                    },
                )
                for p in profiles
            ]
        )
        owners = {self.workers.position[p.pk] for p in profiles}
        windows = Availability.objects.filter(profile__in=[p.pk for p in profiles])
        if len(profiles) == WorkerProfile.objects.count():  # a full load: no filter needed
            windows = Availability.objects.all()
        keep = ~np.isin(self.win_owner, np.fromiter(owners, dtype=np.int64))
        spans = list(windows.values_list("profile_id", "starts_on", "ends_on"))
        position = self.workers.position
        self.win_owner = np.concatenate(
            [self.win_owner[keep], np.array([position[p] for p, _s, _e in spans], np.int64)]
        )
        self.win_start = np.concatenate(
            [self.win_start[keep], np.array([_day(s) for _p, s, _e in spans], np.int32)]
        )
        self.win_end = np.concatenate(
            [self.win_end[keep], np.array([_day(e) for _p, _s, e in spans], np.int32)]
        )

    @staticmethod
    def database_state() -> tuple[Any, ...]:
        jobs = Job.objects.aggregate(n=Count("id"), last=Max("updated"))
        workers = WorkerProfile.objects.aggregate(n=Count("id"), last=Max("updated"))
        return (jobs["n"], jobs["last"], workers["n"], workers["last"])

    def refresh(self) -> Index:
        """Bring the index up to date with the database (see the module docstring)."""
        state = self.database_state()
        if state == self.state:
            return self
        now = timezone.now()
        if self.built_at is not None:
            since = self.built_at - RELOAD_MARGIN
            self.load_jobs(Job.objects.filter(updated__gte=since))
            self.load_workers(WorkerProfile.objects.filter(updated__gte=since))
            if (len(self.jobs), len(self.workers)) == (state[0], state[2]):
                self.state, self.built_at = state, now
                return self
        # First load, or rows were deleted (more rows here than in the database): rebuild.
        fresh = Index()
        fresh.load_jobs(Job.objects.all())
        fresh.load_workers(WorkerProfile.objects.all())
        fresh.state, fresh.built_at = state, now
        return fresh

    # --- Queries ----------------------------------------------------------------------------

    def candidates(self, job_id: int, limit: int = 20, applied: Any = ()) -> list[Match]:
        """Ranked workers (user ids) for a job: opted-in workers and ``applied`` user ids."""
        i = self.jobs.position.get(job_id)
        if i is None:
            return []
        j = {name: column[i] for name, column in self.jobs.data.items()}
        w = self.workers.data
        ok = (w["licences"] & j["licences"]) == j["licences"]
        ok &= (w["languages"] & j["languages"]) == j["languages"]
        if not j["housing"]:
            ok &= ~w["needs_housing"]
        if not j["reachable"]:
            ok &= w["has_car"]
        visible = w["open"].copy()
        if len(applied):
            visible |= np.isin(w["user"], np.fromiter(applied, dtype=np.int64))
        ok &= visible
        days = np.minimum(self.win_end, j["end"]) - np.maximum(self.win_start, j["start"]) + 1
        covered = np.bincount(
            self.win_owner, weights=np.clip(days, 0, None), minlength=len(self.workers)
        )
        coverage = np.minimum(covered / float(j["end"] - j["start"] + 1), 1.0)
        ok &= coverage > 0
        if j["weight_total"] > 0:
            skills = (w["skills"] @ j["weights"]) / j["weight_total"]
        else:
            skills = np.ones(len(self.workers), dtype=np.float32)
        return self._top(ok, coverage, skills, w["user"], limit)

    def jobs_for(self, user_id: int, limit: int = 20, profile_id: int | None = None) -> list[Match]:
        """Ranked open jobs for a worker (by profile id, or found by user id)."""
        if profile_id is None:
            matches = np.flatnonzero(self.workers.data["user"] == user_id)
            if not len(matches):
                return []
            i = int(matches[0])
        elif profile_id in self.workers.position:
            i = self.workers.position[profile_id]
        else:
            return []
        w = {name: column[i] for name, column in self.workers.data.items()}
        j = self.jobs.data
        ok = j["open"].copy()
        ok &= (j["licences"] & w["licences"]) == j["licences"]
        ok &= (j["languages"] & w["languages"]) == j["languages"]
        if w["needs_housing"]:
            ok &= j["housing"]
        if not w["has_car"]:
            ok &= j["reachable"]
        mine = self.win_owner == i
        covered = np.zeros(len(self.jobs), dtype=np.float64)
        for start, end in zip(self.win_start[mine], self.win_end[mine], strict=True):
            days = np.minimum(j["end"], end) - np.maximum(j["start"], start) + 1
            covered += np.clip(days, 0, None)
        coverage = np.minimum(covered / (j["end"] - j["start"] + 1), 1.0)
        ok &= coverage > 0
        total = j["weight_total"]
        has = j["weights"] @ w["skills"]
        skills = np.where(total > 0, has / np.where(total > 0, total, 1), 1.0)
        return self._top(ok, coverage, skills, j["id"], limit)

    @staticmethod
    def _top(
        ok: np.ndarray, coverage: np.ndarray, skills: np.ndarray, ids: np.ndarray, limit: int
    ) -> list[Match]:
        score = COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * skills
        rows = np.flatnonzero(ok)
        if len(rows) > limit:
            rows = rows[np.argpartition(-score[rows], limit - 1)[:limit]]
        # Best first; ties by id so that the order is stable.
        best = sorted(rows, key=lambda r: (-float(score[r]), int(ids[r])))
        return [
            Match(int(ids[r]), round(float(score[r]), 4), float(coverage[r]), float(skills[r]))
            for r in best
        ]


_lock = threading.Lock()
_index: Index | None = None


def index() -> Index:
    """This process's index, brought up to date."""
    global _index
    with _lock:
        _index = (_index or Index()).refresh()
        return _index


def reset() -> None:
    """Forget the index (tests switching databases)."""
    global _index
    with _lock:
        _index = None


def candidates_for(job: Job, limit: int = 20) -> list[Match]:
    applied = Application.objects.filter(job=job).values_list("worker_id", flat=True)
    return index().candidates(job.pk, limit, applied=list(applied))


def jobs_for(user: Any, limit: int = 20) -> list[Match]:
    return index().jobs_for(user.pk, limit)
