"""Content-Security-Policy: scripts from our static files only, so no template may carry an
inline ``<script>``, an ``on*=`` handler or a ``javascript:`` URL; every page sends the header.

The rendered pages are the matrix's (every URL pattern with a GET, as a persona allowed to see
it), so a new page is checked without being listed here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from smartvillage import settings as project_settings
from tests import authz
from tests.project.test_authorization_matrix import ENTRIES, PATTERNS, clients, world

__all__ = ["clients", "world"]  # the matrix's fixtures, reused

SRC = Path(project_settings.BASE_DIR)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
HANDLER = re.compile(r"<[a-zA-Z][^>]*?\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
DATA_TYPES = {"application/json", "application/ld+json", "application/geo+json"}


def inline_code(html: str) -> list[str]:
    """What a strict script-src would block: inline scripts, handlers, javascript: URLs."""
    found = []
    for attrs, body in SCRIPT.findall(html):
        kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attrs)
        if kind and kind.group(1).lower() in DATA_TYPES:
            continue  # a data block (json_script): never run
        if not re.search(r"\bsrc\s*=", attrs) or body.strip():
            found.append("<script" + attrs + ">" + body.strip()[:60])
    found += [m.group(0)[-80:] for m in HANDLER.finditer(html)]
    found += [m.group(0) for m in JS_URL.finditer(html)]
    return found


def policy(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    directives = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in directives}


def assert_strict(response, where: str) -> None:
    rules = policy(response)
    assert rules.get("script-src") == ["'self'"], f"{where}: {rules}"
    assert rules.get("object-src") == ["'none'"], f"{where}: {rules}"
    assert rules.get("frame-ancestors") == ["'none'"], f"{where}: {rules}"


def test_the_checker_finds_inline_code():
    assert inline_code('<script>alert(1)</script><script src="/s.js"></script>') == [
        "<script>alert(1)"
    ]
    assert inline_code('<button onclick="go()">')
    assert inline_code("<a href='javascript:go()'>")
    assert not inline_code('<script id="d" type="application/json">{"a": 1}</script>')
    assert not inline_code('<div data-onclick="x" class="on"></div>')


TEMPLATES = sorted(SRC.rglob("templates/**/*.html"))


def test_templates_are_found():
    assert len(TEMPLATES) > 50
    assert SRC / "templates" / "base.html" in TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_template_has_inline_script(path):
    assert not inline_code(path.read_text(encoding="utf-8")), (
        "Move the script to a static .js file (data in data-* attributes or json_script): "
        "the Content-Security-Policy blocks inline code."
    )


def test_the_policy_allows_scripts_from_our_own_origin_only(client, db):
    response = client.get("/")
    assert_strict(response, "/")
    rules = policy(response)
    assert "'unsafe-inline'" not in rules["script-src"]
    assert "'unsafe-eval'" not in rules["script-src"]
    assert "https://tile.openstreetmap.org" in rules["img-src"]  # the map's tiles
    assert rules["default-src"] == ["'self'"]


def test_every_page_sends_the_policy_and_runs_no_inline_script(world, clients):
    checked, failures = 0, []
    for key, (_module, entry) in sorted(ENTRIES.items()):
        if entry.get is None or key not in PATTERNS:
            continue
        persona = next((p for p, o in authz.outcomes(entry.get).items() if o == "ok"), None)
        if persona is None:
            continue
        url = authz.build_url(PATTERNS[key], entry.kwargs(world) if entry.kwargs else {})
        response = clients[persona].get(url, entry.query(world) if entry.query else {})
        if "Content-Security-Policy" not in response:
            failures.append(f"{url}: no Content-Security-Policy header")
            continue
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            checked += 1
            assert_strict(response, url)
            found = inline_code(response.content.decode())
            if found:
                failures.append(f"{url} as {persona}: {found}")
    assert checked > 40, checked
    assert not failures, "\n".join(failures)


def test_the_admin_and_the_api_documentation_run_no_inline_script(db, make_user):
    root = make_user("root@example.org", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    for url in ("/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/", "/api/v1/docs"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response, url)
        assert not inline_code(response.content.decode()), url
