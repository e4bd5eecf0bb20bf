"""Every secret may come from a file: ``NAME_FILE=/run/secrets/name`` (systemd credentials,
Docker secrets) instead of ``NAME`` in the environment, where any process of the same user can
read it. Settings read them with ``envstr``; these tests keep it that way."""

from __future__ import annotations

import ast
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from smartvillage import settings as s

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "smartvillage"
SETTINGS = SRC / "settings.py"
# Names of values that may hold a secret: keys, passwords, tokens, DSNs, URLs (credentials).
SECRET_NAME = re.compile(r"SECRET|KEY|PASSWORD|TOKEN|DSN|CREDENTIAL|_URL$")
HELPERS = {"envstr", "envbool", "envint", "envfloat", "envlist"}


def settings_reads() -> dict[str, str]:
    """Environment variable → the helper settings.py reads it with."""
    tree = ast.parse(SETTINGS.read_text(encoding="utf-8"))
    reads = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in HELPERS
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            reads[node.args[0].value] = node.func.id
    return reads


def test_every_secret_setting_is_read_with_file_support():
    reads = settings_reads()
    secrets_read = {name for name in reads if SECRET_NAME.search(name)}
    assert {"SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "REDIS_URL"} <= secrets_read
    # Only envstr reads text (envlist goes through it), and it reads NAME_FILE first.
    assert all(
        reads[name] in {"envstr", "envlist"} for name in secrets_read - {"API_TOKEN_DEFAULT_DAYS"}
    )


def test_lists_also_come_from_files(monkeypatch, tmp_path):
    hosts = tmp_path / "hosts"
    hosts.write_text("a.example.org,b.example.org\n")
    monkeypatch.setenv("SV_HOSTS_FILE", str(hosts))
    assert s.envlist("SV_HOSTS", "") == ["a.example.org", "b.example.org"]


def test_settings_read_the_environment_only_through_the_helpers():
    tree = ast.parse(SETTINGS.read_text(encoding="utf-8"))
    helpers = {
        node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in HELPERS
    }
    inside = {id(n) for helper in helpers for n in ast.walk(helper)}
    direct = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in {"environ", "getenv"}
        and id(node) not in inside
    ]
    assert not direct, f"settings.py reads os.environ directly at lines {direct}: use envstr"


def test_no_code_reads_a_secret_from_the_environment_behind_the_settings_back():
    """An SMS gateway's token or a DSN belongs in settings (with envstr), not os.environ."""
    pattern = re.compile(r"""(?:environ(?:\.get)?\s*[\[(]|getenv\s*\()\s*f?["']([A-Z0-9_]+)""")
    found = []
    for path in SRC.rglob("*.py"):
        if path == SETTINGS:
            continue
        for name in pattern.findall(path.read_text(encoding="utf-8")):
            if SECRET_NAME.search(name):
                found.append(f"{path.relative_to(SRC)}: {name}")
    assert not found


def test_a_missing_secret_file_is_a_clear_configuration_error(monkeypatch, tmp_path):
    monkeypatch.setenv("SV_TOKEN_FILE", str(tmp_path / "absent"))
    with pytest.raises(ImproperlyConfigured, match="SV_TOKEN_FILE"):
        s.envstr("SV_TOKEN", "")


def test_production_reads_every_secret_from_its_file(tmp_path):
    values = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://sv:s3cret@db.example.org:5432/sv",
        "EMAIL_URL": "submission://mailer:m41l@smtp.example.org:587",
        "REDIS_URL": "redis://:r3dis@127.0.0.1:6379/6",
    }
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", *values}}
    env.update(DEBUG="false", ALLOWED_HOSTS="mobilite.example.org")
    for name, value in values.items():
        path = tmp_path / name.lower()
        path.write_text(value + "\n")  # a trailing newline, as editors leave it
        env[f"{name}_FILE"] = str(path)
        env[name] = "from-the-environment"  # the file wins
    code = (
        "import json; from django.conf import settings as s; print(json.dumps(["
        "s.SECRET_KEY, s.DATABASES['default']['PASSWORD'], s.EMAIL_HOST_PASSWORD, "
        "s.CACHES['default']['LOCATION']]))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    key, db_password, mail_password, redis = json.loads(result.stdout.strip().splitlines()[-1])
    assert key == values["SECRET_KEY"]
    assert (db_password, mail_password) == ("s3cret", "m41l")
    assert redis == values["REDIS_URL"]
