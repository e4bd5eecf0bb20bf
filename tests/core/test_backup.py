"""``smartvillage backup`` / ``restore``: a backup of the demo restored into an empty database
holds every booking, every row of every table, and the uploaded files (SQLite here; the same on
PostgreSQL with pg_dump/pg_restore when the suite runs there)."""

from __future__ import annotations

import json
import sqlite3
import tarfile
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from smartvillage.core import backup

pytestmark = pytest.mark.django_db(transaction=True)

BOOKING_TABLES = [
    "ondemand_booking",
    "carsharing_booking",
    "thirdplaces_booking",
    "thirdplaces_registration",
]


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True  # the demo command refuses to run without it
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "members").mkdir(parents=True)
    (tmp_path / "media" / "members" / "photo.jpg").write_bytes(b"\xff\xd8 a photo")
    call_command("load_demo", verbosity=0)
    return tmp_path


def _ids(cursor, table):
    cursor.execute(f"SELECT id FROM {table} ORDER BY id")  # noqa: S608 - our own table names
    return [row[0] for row in cursor.fetchall()]


def _live_ids() -> dict[str, list[int]]:
    with connection.cursor() as cursor:
        return {table: _ids(cursor, table) for table in BOOKING_TABLES}


@pytest.fixture
def empty_database(tmp_path):
    """A URL of a new, empty database of the suite's engine (dropped afterwards)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"sv_restore_{uuid.uuid4().hex[:8]}"
    params = connection.get_connection_params()
    params.pop("dbname", None)
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    settings_dict = connection.settings_dict
    user = settings_dict.get("USER") or "postgres"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    password = settings_dict.get("PASSWORD")
    auth = f"{user}:{password}" if password else user
    yield f"postgres://{auth}@{host}:{port}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _restored_cursor(url):
    if url.startswith("sqlite:///"):
        return sqlite3.connect(url.removeprefix("sqlite:///")).cursor()
    import psycopg

    return psycopg.connect(url).cursor()


def test_a_restored_backup_has_every_booking_row_and_file(demo, empty_database, tmp_path):
    live = _live_ids()
    assert all(live[table] for table in ("ondemand_booking", "carsharing_booking")), live
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "-o", str(archive), verbosity=0)

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert "media/members/photo.jpg" in names
    assert manifest["engine"] == ("sqlite" if connection.vendor == "sqlite" else "postgresql")
    assert "core.0003_notification_delivery" in manifest["migrations"]

    restored_media = tmp_path / "restored-media"
    call_command(
        "restore",
        str(archive),
        "--database-url",
        empty_database,
        "--media-root",
        str(restored_media),
        verbosity=0,
    )
    cursor = _restored_cursor(empty_database)
    for table in BOOKING_TABLES:
        assert _ids(cursor, table) == live[table], table
    for table, count in manifest["tables"].items():
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        assert cursor.fetchone()[0] == count, table
    assert (restored_media / "members" / "photo.jpg").read_bytes() == b"\xff\xd8 a photo"


def test_restore_refuses_a_database_that_is_not_empty(demo, empty_database, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "-o", str(archive), verbosity=0)
    media = str(tmp_path / "m")
    call_command("restore", str(archive), "--database-url", empty_database, "--media-root", media)
    with pytest.raises(CommandError, match="not empty"):
        call_command(
            "restore", str(archive), "--database-url", empty_database, "--media-root", media
        )
    # --force replaces it, and the bookings are still all there, once.
    call_command(
        "restore",
        str(archive),
        "--database-url",
        empty_database,
        "--media-root",
        media,
        "--force",
    )
    cursor = _restored_cursor(empty_database)
    assert _ids(cursor, "ondemand_booking") == _live_ids()["ondemand_booking"]


def test_restore_refuses_what_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        tar.add(__file__, arcname="notes.txt")
    with pytest.raises(CommandError, match="not a Smart Village backup"):
        call_command("restore", str(bogus), "--database-url", "sqlite:///" + str(tmp_path / "x"))


def test_an_archive_restores_into_the_same_engine_only(db, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup.backup(archive, media_root=tmp_path / "none")
    other = (
        "postgres://postgres@127.0.0.1:5432/nowhere"
        if connection.vendor == "sqlite"
        else "sqlite:///" + str(tmp_path / "x.sqlite3")
    )
    with pytest.raises(backup.BackupError, match="target is"):
        backup.restore(archive, database_url=other)
