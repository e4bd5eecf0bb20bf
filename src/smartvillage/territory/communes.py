"""Reading and loading the commune reference file (INSEE codes, centroids, populations).

The file is validated completely before anything is written, and written in one transaction:
a bad row leaves the database as it was. Loading is an upsert keyed on the INSEE code, so it
can run again after a new edition of the file; communes absent from the file are kept (a
territory may load several files).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from smartvillage.territory.models import Commune, search_key

DEFAULT_CSV = Path(__file__).resolve().parent / "data" / "communes_38_26.csv"
REQUIRED_COLUMNS = ("insee_code", "name", "departement", "latitude", "longitude", "population")
OPTIONAL_COLUMNS = ("postal_codes", "altitude_m")

INSEE_CODE = re.compile(r"(?:\d{2}|2[AB])\d{3}")
DEPARTEMENT = re.compile(r"\d{2,3}|2[AB]")
POSTAL_CODE = re.compile(r"\d{5}")


class CommuneFileError(Exception):
    """A problem in the file, located by line (1 is the header) and column."""

    def __init__(self, path: Path, line: int, field: str | None, message: str) -> None:
        self.path, self.line, self.field, self.message = path, line, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.field:
            return _("%(path)s, line %(line)d, field %(field)s: %(message)s") % {
                "path": self.path,
                "line": self.line,
                "field": self.field,
                "message": self.message,
            }
        return _("%(path)s, line %(line)d: %(message)s") % {
            "path": self.path,
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class CommuneRow:
    insee_code: str
    name: str
    departement: str
    latitude: float
    longitude: float
    population: int
    postal_codes: str
    altitude_m: int | None


COMMUNE_FIELDS = [field.name for field in fields(CommuneRow)]


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


class _RowError(ValueError):
    def __init__(self, field: str | None, message: str) -> None:
        self.field, self.message = field, message
        super().__init__(message)


def read_communes(path: Path) -> list[CommuneRow]:
    """Read and validate every row; raise CommuneFileError at the first bad one."""
    rows: list[CommuneRow] = []
    first_line: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            for column in REQUIRED_COLUMNS:
                if column not in columns:
                    raise CommuneFileError(path, 1, column, _("missing column"))
            try:
                for raw in reader:
                    row = _parse_row(raw)
                    if row.insee_code in first_line:
                        raise _RowError(
                            "insee_code",
                            _("duplicate INSEE code %(code)s (first seen on line %(line)d)")
                            % {"code": row.insee_code, "line": first_line[row.insee_code]},
                        )
                    first_line[row.insee_code] = reader.line_num
                    rows.append(row)
            except _RowError as exc:
                raise CommuneFileError(path, reader.line_num, exc.field, exc.message) from None
            except csv.Error as exc:
                raise CommuneFileError(path, reader.line_num, None, str(exc)) from None
    except FileNotFoundError:
        raise CommuneFileError(path, 0, None, _("file not found")) from None
    except UnicodeDecodeError:
        raise CommuneFileError(path, 0, None, _("the file is not UTF-8 text")) from None
    return rows


def _parse_row(raw: dict[str | None, str | list[str] | None]) -> CommuneRow:
    if raw.get(None):
        raise _RowError(None, _("too many values"))
    values: dict[str, str] = {}
    for column in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS):
        value = raw.get(column)
        if value is None and column in REQUIRED_COLUMNS:
            raise _RowError(column, _("missing value"))
        values[column] = str(value or "").strip()

    insee_code = values["insee_code"]
    if not INSEE_CODE.fullmatch(insee_code):
        raise _RowError("insee_code", _("not an INSEE code: %(value)r") % {"value": insee_code})
    departement = values["departement"]
    if not DEPARTEMENT.fullmatch(departement):
        raise _RowError(
            "departement", _("not a département code: %(value)r") % {"value": departement}
        )
    if not insee_code.startswith(departement):
        raise _RowError(
            "departement",
            _("INSEE code %(code)s is not in département %(dep)s")
            % {"code": insee_code, "dep": departement},
        )
    name = values["name"]
    if not name or len(name) > 100:
        raise _RowError("name", _("a name of 1 to 100 characters is needed"))
    postal_codes = " ".join(values["postal_codes"].split())
    if len(postal_codes) > 100 or not all(
        POSTAL_CODE.fullmatch(code) for code in postal_codes.split()
    ):
        raise _RowError("postal_codes", _("postal codes are five digits, separated by spaces"))
    altitude = values["altitude_m"]
    return CommuneRow(
        insee_code=insee_code,
        name=name,
        departement=departement,
        latitude=_number(values, "latitude", -90, 90),
        longitude=_number(values, "longitude", -180, 180),
        population=_integer(values, "population", minimum=0),
        postal_codes=postal_codes,
        altitude_m=_integer(values, "altitude_m", minimum=-500) if altitude else None,
    )


def _number(values: dict[str, str], column: str, low: float, high: float) -> float:
    try:
        number = float(values[column])
    except ValueError:
        raise _RowError(column, _("not a number: %(value)r") % {"value": values[column]}) from None
    # float() accepts "nan" and "inf": neither is a coordinate.
    if not math.isfinite(number) or not low <= number <= high:
        raise _RowError(
            column,
            _("%(value)s is out of range (%(low)s to %(high)s)")
            % {"value": values[column], "low": low, "high": high},
        )
    return number


def _integer(values: dict[str, str], column: str, minimum: int) -> int:
    try:
        number = int(values[column])
    except ValueError:
        raise _RowError(
            column, _("not a whole number: %(value)r") % {"value": values[column]}
        ) from None
    if number < minimum:
        raise _RowError(column, _("must be at least %(minimum)d") % {"minimum": minimum})
    return number


def load_communes(
    rows: Iterable[CommuneRow],
    on_progress: Callable[[int], object] | None = None,
    batch_size: int = 200,
) -> LoadResult:
    """Create or update the communes of ``rows`` (keyed by INSEE code) in one transaction."""
    rows = list(rows)
    with transaction.atomic():
        existing = {
            values[0]: values[1:]
            for values in Commune.objects.values_list(*COMMUNE_FIELDS, "search_name")
        }
        created = updated = 0
        changed: list[Commune] = []
        for row in rows:
            values = (*(getattr(row, name) for name in COMMUNE_FIELDS[1:]), search_key(row.name))
            before = existing.get(row.insee_code)
            if before == values:
                continue
            if before is None:
                created += 1
            else:
                updated += 1
            changed.append(Commune(**{name: getattr(row, name) for name in COMMUNE_FIELDS}))
            changed[-1].search_name = values[-1]
        unchanged = len(rows) - len(changed)
        if on_progress:
            on_progress(unchanged)
        for start in range(0, len(changed), batch_size):
            batch = changed[start : start + batch_size]
            # An upsert rather than create/update lists: two loaders running at once (a cron
            # job and an operator) cannot trip over the unique INSEE code.
            Commune.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["insee_code"],
                update_fields=[*COMMUNE_FIELDS[1:], "search_name"],
            )
            if on_progress:
                on_progress(len(batch))
    return LoadResult(created=created, updated=updated, unchanged=unchanged)


def load_communes_file(path: Path, progress: bool = True) -> LoadResult:
    """Validate then load a commune file, with a progress bar when run on a terminal."""
    rows = read_communes(path)
    # disable=None: tqdm draws the bar on a terminal only, not in logs or cron mail.
    with tqdm(total=len(rows), unit=" communes", disable=None if progress else True) as bar:
        return load_communes(rows, on_progress=bar.update)
