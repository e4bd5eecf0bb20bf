"""Settings come from the environment through typed helpers that fail loudly."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from smartvillage import settings as s

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    # A clean production-like environment: nothing inherited from the test run's own settings.
    dropped = {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("0", False), ("Yes", True)])
def test_envbool_reads_booleans(monkeypatch, raw, expected):
    monkeypatch.setenv("SV_FLAG", raw)
    assert s.envbool("SV_FLAG", not expected) is expected


def test_envbool_rejects_garbage(monkeypatch):
    monkeypatch.setenv("SV_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SV_FLAG"):
        s.envbool("SV_FLAG", False)


def test_envint_rejects_garbage(monkeypatch):
    monkeypatch.setenv("SV_NUMBER", "12a")
    with pytest.raises(ImproperlyConfigured, match="SV_NUMBER"):
        s.envint("SV_NUMBER", 3)


def test_envstr_prefers_the_file_variant(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("from-file\n")
    monkeypatch.setenv("SV_SECRET", "from-env")
    monkeypatch.setenv("SV_SECRET_FILE", str(secret))
    assert s.envstr("SV_SECRET", "default") == "from-file"


def test_envlist_splits_and_strips(monkeypatch):
    monkeypatch.setenv("SV_HOSTS", " a.example.org, b.example.org ,")
    assert s.envlist("SV_HOSTS", "") == ["a.example.org", "b.example.org"]


def test_production_settings_pass_the_deploy_checks():
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="smartvillage.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_secret_key():
    result = _run(["check"], DEBUG="false", SECRET_KEY="", ALLOWED_HOSTS="x.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_database_url_selects_postgresql():
    result = _run(
        [
            "shell",
            "-v",
            "0",
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        ],
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/whatever",
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_email_url_configures_smtp():
    result = _run(
        [
            "shell",
            "-v",
            "0",
            "-c",
            "from django.conf import settings as s; "
            "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)",
        ],
        EMAIL_URL="submission://mailer:pw@smtp.example.org:587",
    )
    backend, host, port, tls = result.stdout.split()
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert (host, port, tls) == ("smtp.example.org", "587", "True")


def test_the_console_entry_point_wraps_manage_py():
    result = subprocess.run(
        [sys.executable, "-m", "smartvillage", "help", "migrate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "usage: smartvillage migrate" in result.stdout
