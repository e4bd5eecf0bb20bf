"""Backups: the database and the uploaded files in one archive, and back.

``smartvillage backup [-o FILE]`` writes a ``.tar.gz`` holding

- ``manifest.json``: when, which engine, the applied migrations, the row count of every table;
- the database: ``database.dump`` (``pg_dump --format=custom``, a consistent snapshot while the
  site runs) or ``database.sqlite3`` (SQLite's online backup API, consistent too);
- ``media/``: the uploaded files (photos, documents).

``smartvillage restore FILE`` loads it into an empty database (``pg_restore`` or SQLite's backup
API) and puts the media back; ``--database-url`` restores elsewhere (e.g. a fresh database to
check a backup). It refuses a non-empty database unless ``--force``. An archive restores into
the same engine it was made from.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1


class BackupError(Exception):
    pass


@dataclass
class Restored:
    engine: str
    tables: dict[str, int]  # rows in the archive's manifest
    media_files: int


def _engine(settings_dict: dict[str, Any]) -> str:
    engine = settings_dict["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite" in engine:
        return "sqlite"
    raise BackupError(f"unsupported database engine {engine}")


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools)") from exc
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{command[0]} failed: {exc.stderr.strip()[:2000]}") from exc


def table_counts() -> dict[str, int]:
    """Rows of every table of the project's models (the manifest, what a restore must find)."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.db_table] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(output: Path, *, media_root: Path | None = None) -> dict[str, Any]:
    """Write the archive to ``output``; return its manifest."""
    settings_dict = connection.settings_dict
    engine = _engine(settings_dict)
    media = Path(media_root or settings.MEDIA_ROOT)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "engine": engine,
        "migrations": sorted(
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        ),
        "tables": table_counts(),
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    with tempfile.TemporaryDirectory() as tmp:
        if engine == "postgresql":
            dump = Path(tmp) / "database.dump"
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={dump}",
                    str(settings_dict["NAME"]),
                ],
                _pg_env(settings_dict),
            )
        else:
            dump = Path(tmp) / "database.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=dump.name)
            if media.is_dir():
                archive.add(media, arcname="media")
    os.replace(partial, output)
    return manifest


def _target(database_url: str) -> dict[str, Any]:
    if not database_url:
        return dict(connection.settings_dict)
    parsed = dj_database_url.parse(database_url)
    return {key: value for key, value in parsed.items() if value not in (None, "")}


def _is_empty(engine: str, target: dict[str, Any]) -> bool:
    if engine == "sqlite":
        path = str(target["NAME"])
        if path != ":memory:" and not path.startswith("file:") and not Path(path).exists():
            return True
        with sqlite3.connect(path, uri=path.startswith("file:")) as db:
            rows = db.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            ).fetchone()
        return bool(rows[0] == 0)
    import psycopg

    conninfo = {
        "dbname": target["NAME"],
        "host": target.get("HOST") or None,
        "port": target.get("PORT") or None,
        "user": target.get("USER") or None,
        "password": target.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v}) as db:
        row = db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    return bool(row and row[0] == 0)


def restore(
    archive_path: Path,
    *,
    database_url: str = "",
    media_root: Path | None = None,
    force: bool = False,
) -> Restored:
    """Load ``archive_path`` into the target database (empty unless ``force``) and media root."""
    target = _target(database_url)
    engine = _engine(target)
    media = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive_path, "r:gz") as archive:
        try:
            manifest = json.loads(archive.extractfile("manifest.json").read())  # type: ignore[union-attr]
        except (KeyError, AttributeError, ValueError) as exc:
            raise BackupError(f"{archive_path} is not a Smart Village backup") from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        if manifest["engine"] != engine:
            raise BackupError(
                f"this backup is of a {manifest['engine']} database; the target is {engine}"
            )
        if not force and not _is_empty(engine, target):
            raise BackupError("the target database is not empty (use --force to replace it)")
        archive.extractall(tmp, filter="data")
        folder = Path(tmp)
        if engine == "postgresql":
            command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
            if force:
                command += ["--clean", "--if-exists"]
            command += [f"--dbname={target['NAME']}", str(folder / "database.dump")]
            _run(command, _pg_env(target))
        else:
            if not database_url:
                connection.close()  # the file is replaced under Django's feet otherwise
            source = sqlite3.connect(folder / "database.sqlite3")
            name = str(target["NAME"])
            destination = sqlite3.connect(name, uri=name.startswith("file:"))
            try:
                source.backup(destination)
            finally:
                source.close()
                destination.close()
        count = 0
        if (folder / "media").is_dir():
            for path in (folder / "media").rglob("*"):
                if path.is_file():
                    relative = path.relative_to(folder / "media")
                    (media / relative).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, media / relative)
                    count += 1
    return Restored(engine=engine, tables=manifest["tables"], media_files=count)
