"""Production mode (DEBUG=false): cookies only over HTTPS, HSTS, the proxy header, and
``manage.py check --deploy`` without a single warning."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOWN = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
    "RATELIMIT_ENABLE",
    "CONTENT_SECURITY_POLICY",
]


def production_env(**extra: str) -> dict[str, str]:
    dropped = {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "RATELIMIT_ENABLE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("SECURE_")}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="mobilite.example.org",
        CSRF_TRUSTED_ORIGINS="https://mobilite.example.org",
    )
    env.update(extra)
    return env


def manage(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def shown_settings(**extra: str) -> dict:
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {SHOWN!r}}}))"
    )
    result = manage("shell", "-v", "0", "-c", code, **extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_and_transport_are_secure():
    got = shown_settings()
    assert got["DEBUG"] is False
    for name in (
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "RATELIMIT_ENABLE",
    ):
        assert got[name] is True, name
    assert got["SECURE_HSTS_SECONDS"] >= 31536000
    assert got["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert got["X_FRAME_OPTIONS"] == "DENY"


def test_the_policy_reports_to_the_configured_collector_and_follows_the_tile_server():
    got = shown_settings(
        CSP_REPORT_URI="https://errors.example.org/csp",
        MAP_TILE_URL="https://{s}.tiles.example.org/{z}/{x}/{y}.png?key=k",
    )["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert got["report-uri"] == ["https://errors.example.org/csp"]
    assert got["img-src"] == ["'self'", "data:", "https://*.tiles.example.org"]
    assert "report-uri" not in shown_settings()["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]


def test_development_keeps_plain_http_cookies():
    got = shown_settings(DEBUG="true")
    assert got["SESSION_COOKIE_SECURE"] is False
    assert got["SECURE_SSL_REDIRECT"] is False
    assert got["SECURE_HSTS_SECONDS"] == 0


def test_the_proxy_header_can_be_switched_off_when_django_faces_clients():
    assert shown_settings(SECURE_PROXY_SSL_HEADER="false")["SECURE_PROXY_SSL_HEADER"] is None


@pytest.mark.parametrize(
    "extra",
    [{}, {"REDIS_URL": "redis://127.0.0.1:6379/6", "TRUSTED_PROXY_COUNT": "1"}],
    ids=["default", "redis-behind-proxy"],
)
def test_the_deploy_checks_report_nothing(extra):
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **extra)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_plain_http_is_redirected_except_the_health_check(settings, db):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    # Behind the proxy, a request it forwarded as HTTPS is served.
    assert client.get("/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
