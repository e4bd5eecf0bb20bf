"""Import of job offers from a France Travail-style JSON file (the shape of the "Offres
d'emploi v2" API: ``{"resultats": [{"id", "intitule", "description", "romeCode",
"lieuTravail": {"commune", "latitude", "longitude"}, "typeContrat", "dureeTravailLibelle",
"salaire": {"libelle"}, "langues": [{"libelle", "exigence"}], "permis": [...],
"nombrePostes"}]}``), for one employer and one season.

France Travail offers carry no season dates: a record may add ``dateDebut``/``dateFin``
(ISO dates), otherwise the season's dates are used; ``logement`` ("fourni", "aide") is also
read when present. Every record is checked before anything is written: one faulty record
(reported with its position and id) and nothing is imported. Re-importing updates the jobs
by their France Travail id.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from smartvillage.accounts.models import Organisation
from smartvillage.seasonal import rome, services
from smartvillage.seasonal.models import Job, Season
from smartvillage.territory.models import Commune

CONTRACTS = {
    "SAI": Job.Contract.SEASONAL,
    "CDD": Job.Contract.FIXED_TERM,
    "CDI": Job.Contract.PERMANENT,
    "MIS": Job.Contract.TEMPORARY,
}
LANGUAGES = {
    "français": "fr", "anglais": "en", "italien": "it", "allemand": "de", "espagnol": "es",
    "néerlandais": "nl",
}  # fmt: skip
HOUSING = {"fourni": Job.Housing.PROVIDED, "aide": Job.Housing.HELPED}
WEEKS_PER_MONTH = Decimal("52") / 12


class ImportFailed(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Result:
    created: int
    updated: int


def _hours(text: str) -> Decimal:
    match = re.match(r"\s*(\d+)\s*H\s*(\d+)?", text or "", re.I)
    if not match:
        raise ValueError(f"weekly hours not understood: {text!r}")
    return Decimal(match.group(1)) + Decimal(match.group(2) or 0) / 60


def _wage(text: str, weekly_hours: Decimal) -> Decimal:
    match = re.search(r"(Horaire|Mensuel)\D*?([\d]+(?:[.,]\d+)?)", text or "", re.I)
    if not match:
        raise ValueError(f"salary not understood: {text!r}")
    amount = Decimal(match.group(2).replace(",", "."))
    if match.group(1).lower() == "mensuel":
        amount = amount / (weekly_hours * WEEKS_PER_MONTH)
    return amount.quantize(Decimal("0.01"))


def _split(items: Any, table: dict[str, str], field: str) -> tuple[list[str], list[str]]:
    required: list[str] = []
    preferred: list[str] = []
    for item in items or []:
        label = str(item.get("libelle", "")).strip()
        code = table.get(label.lower()) if table else label.split(" ")[0]
        if code is None or (not table and code not in rome.LICENCES):
            raise ValueError(f"{field}: unknown {label!r}")
        (required if item.get("exigence") == "E" else preferred).append(code)
    return required, preferred


def _job(record: dict[str, Any], employer: Organisation, season: Season) -> Job:
    place = record.get("lieuTravail") or {}
    commune = Commune.objects.filter(insee_code=str(place.get("commune", ""))).first()
    if commune is None:
        raise ValueError(f"lieuTravail.commune: unknown INSEE code {place.get('commune')!r}")
    contract = CONTRACTS.get(str(record.get("typeContrat", "")))
    if contract is None:
        raise ValueError(f"typeContrat: unknown {record.get('typeContrat')!r}")
    hours = _hours(str(record.get("dureeTravailLibelle", "")))
    languages = _split(record.get("langues"), LANGUAGES, "langues")
    licences = _split(record.get("permis"), {}, "permis")
    housing = record.get("logement")
    if housing is not None and housing not in HOUSING:
        raise ValueError(f"logement: unknown {housing!r}")
    job = Job.objects.filter(employer=employer, external_id=str(record.get("id", ""))).first()
    job = job or Job(employer=employer, external_id=str(record.get("id", "")))
    job.season = season
    job.title = str(record.get("intitule", ""))[:150]
    job.description = str(record.get("description", ""))
    job.rome_code = str(record.get("romeCode", ""))
    job.commune = commune
    job.latitude = float(place.get("latitude") or commune.latitude)
    job.longitude = float(place.get("longitude") or commune.longitude)
    job.starts_on = date.fromisoformat(record.get("dateDebut") or season.starts_on.isoformat())
    job.ends_on = date.fromisoformat(record.get("dateFin") or season.ends_on.isoformat())
    job.contract = contract
    job.weekly_hours = hours
    job.hourly_wage = _wage(str((record.get("salaire") or {}).get("libelle", "")), hours)
    job.languages_required, job.languages_preferred = languages
    job.licences_required, job.licences_preferred = licences
    job.housing = HOUSING.get(housing, Job.Housing.NONE) if housing else Job.Housing.NONE
    job.positions = int(record.get("nombrePostes") or 1)
    return job


def _describe(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{f}: {' '.join(m)}" for f, m in exc.message_dict.items())
    return " ".join(exc.messages)


def parse(text: str, employer: Organisation, season: Season) -> list[Job]:
    """Every record as an unsaved, validated job; ``ImportFailed`` lists every faulty one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed([f"line {exc.lineno}, column {exc.colno}: {exc.msg}"]) from exc
    records = data.get("resultats") if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise ImportFailed(['the file must hold {"resultats": [...]}'])
    services.check_employer(employer)
    jobs, problems, seen = [], [], set()
    for position, record in enumerate(records, start=1):
        ident = record.get("id") if isinstance(record, dict) else None
        where = f"record {position} (id {ident!r})"
        try:
            if not isinstance(record, dict) or not ident:
                raise ValueError("each record needs an id")
            if ident in seen:
                raise ValueError("this id appears twice in the file")
            seen.add(ident)
            job = _job(record, employer, season)
            job.full_clean()
            if job.starts_on < season.starts_on or job.ends_on > season.ends_on:
                raise ValueError("dateDebut/dateFin: outside the season")
        except ValidationError as exc:
            problems.append(f"{where}: {_describe(exc)}")
        except (ValueError, TypeError, InvalidOperation, AttributeError) as exc:
            problems.append(f"{where}: {exc}")
        else:
            jobs.append(job)
    if problems:
        raise ImportFailed(problems)
    return jobs


def import_jobs(text: str, employer: Organisation, season: Season) -> Result:
    """All or nothing: the records are checked first, then saved in one transaction."""
    jobs = parse(text, employer, season)
    created = sum(1 for job in jobs if job.pk is None)
    with transaction.atomic():
        for job in jobs:
            services.save_job(job, actor=None)
    return Result(created=created, updated=len(jobs) - created)
