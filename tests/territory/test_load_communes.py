import csv
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.utils import translation

from smartvillage.territory import communes as communes_module
from smartvillage.territory.communes import DEFAULT_CSV, load_communes, read_communes
from smartvillage.territory.models import Commune

HEADER = "insee_code,name,departement,latitude,longitude,population,postal_codes,altitude_m\n"
GOOD_1 = "26074,La Chapelle-en-Vercors,26,44.972364,5.412359,797,26420,\n"
GOOD_2 = "38548,Villard-de-Lans,38,45.06003,5.543896,4328,38250,1050\n"


@pytest.fixture(autouse=True)
def _english():
    # Assertions read the English messages; the command would otherwise speak French.
    with translation.override("en"):
        yield


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "communes.csv"
    path.write_text(text, encoding="utf-8")
    return path


def shipped_rows() -> list[dict[str, str]]:
    with DEFAULT_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_it_loads_every_row_of_the_shipped_file(db):
    rows = shipped_rows()
    call_command("load_communes", verbosity=0)
    assert Commune.objects.count() == len(rows)
    first = rows[0]
    commune = Commune.objects.get(insee_code=first["insee_code"])
    assert commune.name == first["name"]
    assert commune.departement == first["departement"]
    assert commune.latitude == float(first["latitude"])
    assert commune.longitude == float(first["longitude"])
    assert commune.population == int(first["population"])
    assert commune.postal_codes == first["postal_codes"]


def test_it_fills_the_search_name(db, tmp_path):
    call_command("load_communes", str(write(tmp_path, HEADER + GOOD_1)), verbosity=0)
    assert Commune.objects.get().search_name == "la chapelle en vercors"


def test_it_keeps_several_postal_codes(db, tmp_path):
    row = "38225,Autrans-Méaudre en Vercors,38,45.168322,5.545108,2936,38112 38880,\n"
    call_command("load_communes", str(write(tmp_path, HEADER + row)), verbosity=0)
    assert Commune.objects.get().postal_code_list == ["38112", "38880"]


def test_it_is_idempotent(db, capsys):
    call_command("load_communes", verbosity=0)
    ids = dict(Commune.objects.values_list("insee_code", "pk"))
    call_command("load_communes")
    assert dict(Commune.objects.values_list("insee_code", "pk")) == ids
    rows = len(shipped_rows())
    assert f"0 created, 0 updated, {rows} unchanged" in capsys.readouterr().out


def test_it_updates_changed_rows(db, tmp_path, capsys):
    call_command("load_communes", str(write(tmp_path, HEADER + GOOD_1 + GOOD_2)), verbosity=0)
    changed = GOOD_1.replace(",797,", ",800,").replace("La Chapelle-en-Vercors", "La Chapelle")
    call_command("load_communes", str(write(tmp_path, HEADER + changed + GOOD_2)))
    commune = Commune.objects.get(insee_code="26074")
    assert (commune.population, commune.name, commune.search_name) == (
        800,
        "La Chapelle",
        "la chapelle",
    )
    assert "0 created, 1 updated, 1 unchanged" in capsys.readouterr().out


def test_it_keeps_communes_absent_from_the_file(commune, tmp_path):
    call_command("load_communes", str(write(tmp_path, HEADER + GOOD_2)), verbosity=0)
    assert Commune.objects.filter(insee_code=commune.insee_code).exists()


def test_it_accepts_a_file_without_optional_columns(db, tmp_path):
    text = "insee_code,name,departement,latitude,longitude,population\n38548,Villard,38,45,5.5,1\n"
    call_command("load_communes", str(write(tmp_path, text)), verbosity=0)
    assert Commune.objects.get().altitude_m is None


@pytest.mark.parametrize(
    ("bad_row", "field"),
    [
        ("2607,Short,26,44.9,5.4,1,26420,\n", "insee_code"),
        ("ABCDE,Letters,26,44.9,5.4,1,26420,\n", "insee_code"),
        ("38001,Wrong département,26,44.9,5.4,1,26420,\n", "departement"),
        ("26001,,26,44.9,5.4,1,26420,\n", "name"),
        ("26001,Lat text,26,north,5.4,1,26420,\n", "latitude"),
        ("26001,Lat range,26,94.9,5.4,1,26420,\n", "latitude"),
        ("26001,Lat nan,26,nan,5.4,1,26420,\n", "latitude"),
        ("26001,Lon range,26,44.9,185,1,26420,\n", "longitude"),
        ("26001,Lon empty,26,44.9,,1,26420,\n", "longitude"),
        ("26001,Pop text,26,44.9,5.4,many,26420,\n", "population"),
        ("26001,Pop decimal,26,44.9,5.4,12.5,26420,\n", "population"),
        ("26001,Pop negative,26,44.9,5.4,-3,26420,\n", "population"),
        ("26001,Postal,26,44.9,5.4,3,2642,\n", "postal_codes"),
        ("26001,Altitude,26,44.9,5.4,3,26420,high\n", "altitude_m"),
        ("26001,Too short,26,44.9\n", "longitude"),
        ("26074,Duplicate,26,44.9,5.4,3,26420,\n", "insee_code"),
    ],
)
def test_it_rejects_a_bad_row_with_its_line_and_field_and_writes_nothing(
    db, tmp_path, bad_row, field
):
    Commune.objects.create(
        insee_code="38548", name="Before", departement="38", latitude=45, longitude=5.5
    )
    path = write(tmp_path, HEADER + GOOD_1 + GOOD_2 + bad_row)
    with pytest.raises(CommandError) as excinfo:
        call_command("load_communes", str(path), verbosity=0)
    message = str(excinfo.value)
    assert "line 4" in message
    assert f"field {field}" in message
    assert str(path) in message
    # The good rows before the bad one were not written either.
    assert list(Commune.objects.values_list("insee_code", "name")) == [("38548", "Before")]


def test_it_rejects_a_row_with_too_many_values(db, tmp_path):
    path = write(tmp_path, HEADER + GOOD_1.rstrip("\n") + ",extra\n")
    with pytest.raises(CommandError, match="line 2: too many values"):
        call_command("load_communes", str(path), verbosity=0)


def test_it_rejects_a_file_without_a_required_column(db, tmp_path):
    path = write(tmp_path, "insee_code,name,departement,latitude,population\n")
    with pytest.raises(CommandError, match="line 1, field longitude: missing column"):
        call_command("load_communes", str(path), verbosity=0)


def test_it_reports_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="file not found"):
        call_command("load_communes", str(tmp_path / "nope.csv"), verbosity=0)


def test_it_reports_a_file_that_is_not_utf8(db, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "26001,Montélimar,26,44.5,4.7,1,26200,\n").encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("load_communes", str(path), verbosity=0)
    assert not Commune.objects.exists()


def test_it_rolls_back_when_a_write_fails_half_way(db, tmp_path):
    rows = read_communes(write(tmp_path, HEADER + GOOD_1 + GOOD_2))
    real_bulk_create = Commune.objects.bulk_create
    calls = []

    def fail_on_second_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_bulk_create(*args, **kwargs)

    with (
        mock.patch.object(Commune.objects, "bulk_create", side_effect=fail_on_second_batch),
        pytest.raises(RuntimeError),
    ):
        load_communes(rows, batch_size=1)
    assert len(calls) == 2
    assert not Commune.objects.exists()


def test_it_prints_the_error_without_a_traceback(db, tmp_path, capsys):
    path = write(tmp_path, HEADER + "26001,Bad,26,44.9,east,1,26420,\n")
    with pytest.raises(SystemExit) as excinfo:
        execute_from_command_line(["smartvillage", "load_communes", str(path)])
    assert excinfo.value.code == 1
    err = capsys.readouterr().err
    assert "CommandError:" in err
    assert "line 2, field longitude" in err
    assert "Traceback" not in err


def test_it_prints_nothing_at_verbosity_zero(db, tmp_path, capsys):
    call_command("load_communes", str(write(tmp_path, HEADER + GOOD_1)), verbosity=0)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ""


def test_the_default_file_is_the_shipped_one():
    assert communes_module.DEFAULT_CSV.name == "communes_38_26.csv"
    assert (communes_module.DEFAULT_CSV.parent / "README.md").exists()
