"""Every URL pattern × anonymous, resident, driver, operator of another organisation, staff and
admin: the outcome each gets, declared per app in ``tests/<app>/authz.py`` (tests/authz.py
explains the notation). A new URL without an entry fails here."""

from __future__ import annotations

import copy
import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from tests import authz
from tests.authz import API_NAMESPACE, PERSONAS, Entry, Pattern, World

PATTERNS = {p.key: p for p in authz.url_patterns()}
ENTRIES = authz.all_entries()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module, inside a transaction rolled back at the end; every request
    runs in a savepoint of its own, so that one persona's POST never changes what the next
    one sees. Uploaded files go to a temporary folder; apps may ask for settings (SETTINGS)."""
    media = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"), **authz.matrix_settings()
    )
    with media, django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield authz.build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _outcome(response: Any, login_paths: set[str]) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307) and urlsplit(response["Location"]).path in login_paths:
        return "login"
    if status in (401, 403, 404, 405):
        return str(status)
    if status >= 500:
        return f"{status} error"
    return "ok"


def _send(client: Client, method: str, url: str, pattern: Pattern, data: Any, query: Any) -> Any:
    if method == "get":
        return client.get(url, query or {})
    if pattern.namespace == API_NAMESPACE:
        body = json.dumps(data or {})
        return client.generic(method.upper(), url, body, content_type="application/json")
    if method == "post":
        return client.post(url, data or {})
    return client.generic(method.upper(), url)


@pytest.fixture
def clients(world, db):
    """A client per persona, logged in once for the test (in its transaction)."""
    made = {}
    for persona in PERSONAS:
        client = Client()
        if world.users[persona] is not None:
            client.force_login(world.users[persona])
        made[persona] = client
    return made


def request_as(
    clients: dict[str, Client],
    world: World,
    persona: str,
    method: str,
    url: str,
    pattern: Pattern,
    entry: Entry | None,
) -> str:
    """The outcome of one request, in a savepoint rolled back afterwards (the client's
    cookies too: a logout or a language switch does not follow the persona)."""
    login_paths = {reverse(settings.LOGIN_URL), reverse("admin:login")}
    data = entry.data(world) if entry and entry.data else None
    query = entry.query(world) if entry and entry.query else None
    client = clients[persona]
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        cache.clear()  # rate limits: the matrix sends many requests per person
        try:
            got = _outcome(_send(client, method, url, pattern, data, query), login_paths)
        except Exception as exc:  # noqa: BLE001 - reported as the outcome
            got = f"raised {exc!r}"
        transaction.set_rollback(True)
    client.cookies = cookies
    return got


def test_every_url_pattern_has_an_entry():
    missing = [
        f"{p.key}  (route {p.route!r})"
        for p in PATTERNS.values()
        if not authz.ruled(p) and p.key not in ENTRIES
    ]
    assert not missing, (
        "These URL patterns are missing from the authorization matrix; declare who may use "
        "them in tests/<app>/authz.py (see CONTRIBUTING.md, 'Authorization matrix'):\n  "
        + "\n  ".join(missing)
    )


def test_every_entry_names_a_url_pattern():
    stale = [f"{key} (in {module})" for key, (module, _e) in ENTRIES.items() if key not in PATTERNS]
    assert not stale, "These matrix entries match no URL pattern:\n  " + "\n  ".join(stale)


def test_every_api_entry_declares_exactly_the_methods_of_its_path():
    from smartvillage.api import api

    schema = api.get_openapi_schema()
    wrong = []
    for key, (_module, entry) in ENTRIES.items():
        pattern = PATTERNS.get(key)
        if pattern is None or pattern.namespace != API_NAMESPACE:
            continue
        path = "/" + authz._PARAM.sub(r"{\1}", pattern.route)
        if path not in schema["paths"]:
            continue  # the OpenAPI document and Swagger UI themselves
        declared = set(schema["paths"][path])
        if declared != set(entry.methods()):
            wrong.append(f"{key}: the API has {sorted(declared)}, the entry {entry.methods()}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_each_persona_gets_the_declared_outcome(key, world, clients):
    pattern = PATTERNS.get(key)
    if pattern is None:
        pytest.fail(f"{key}: no such URL pattern (see test_every_entry_names_a_url_pattern)")
    _module, entry = ENTRIES[key]
    url = authz.build_url(pattern, entry.kwargs(world) if entry.kwargs else {})
    failures: list[str] = []
    for method in entry.methods():
        expected = entry.expected(method)
        assert expected is not None
        for persona in PERSONAS:
            got = request_as(clients, world, persona, method, url, pattern, entry)
            if got != expected[persona]:
                failures.append(
                    f"{method.upper()} {url} as {persona}: expected {expected[persona]}, got {got}"
                )
    kwargs = entry.kwargs(world) if entry.kwargs else {}
    theirs = authz.other_org_kwargs(world, kwargs)
    if theirs is not None:
        # The other operator, through the same page of their own organisation, names this
        # organisation's object: refused like a stranger (or for the role, as staff are).
        their_url = authz.build_url(pattern, theirs)
        for method in entry.methods():
            expected = entry.expected(method)
            assert expected is not None
            want = entry.other_org or ("403" if expected["staff"] == "403" else "404")
            got = request_as(clients, world, "other_operator", method, their_url, pattern, entry)
            if got != want:
                failures.append(
                    f"{method.upper()} {their_url} as other_operator (their own organisation's "
                    f"URL, this organisation's object): expected {want}, got {got}"
                )
    if entry.post is not None and entry.get is None and pattern.namespace != API_NAMESPACE:
        # A POST-only page refuses GET (an anonymous visitor may be sent to log in first).
        for persona in PERSONAS:
            got = request_as(clients, world, persona, "get", url, pattern, None)
            allowed = {"405", "login"} if persona == "anonymous" else {"405"}
            if got not in allowed:
                failures.append(f"GET {url} (POST only) as {persona}: expected 405, got {got}")
    assert not failures, "\n".join(failures)


def _admin_url(pattern: Pattern) -> str:
    """A path for every admin pattern (made-up ids: the rule is checked before any lookup)."""
    from django.contrib import admin

    labels = sorted({model._meta.app_label for model in admin.site._registry})
    if pattern.name == "app_list":
        return reverse("admin:app_list", kwargs={"app_label": labels[0]})
    if pattern.name is None and pattern.route.endswith("(?P<url>.*)$"):
        return "/admin/no-such-page/"
    return "/" + authz._PARAM.sub("1", pattern.route)


def test_the_admin_is_for_platform_staff_only(world, clients):
    """Every admin URL sends the anonymous visitor and an organisation's admin (who is not
    platform staff) to the admin's login page; only the logout page answers. The admin's login
    page itself sends to the site's (rate-limited) login, and refuses a signed-in non-staff."""
    failures = []
    admin_patterns = [p for p in PATTERNS.values() if authz.is_admin(p)]
    assert len(admin_patterns) > 100  # a model admin per registered model
    for pattern in admin_patterns:
        url = _admin_url(pattern)
        method = "post" if pattern.name == "logout" else "get"
        for persona in ("anonymous", "admin"):
            if pattern.name == "logout":
                expected = "ok"
            elif pattern.name == "login":
                expected = "login" if persona == "anonymous" else "403"
            else:
                expected = "login"
            got = request_as(clients, world, persona, method, url, pattern, None)
            if got != expected:
                failures.append(f"{url} as {persona}: expected {expected}, got {got}")
    assert not failures, "\n".join(failures)


def test_platform_staff_reach_the_admin(world, client, db):
    from smartvillage.accounts.models import User

    root = User.objects.create_superuser("root@example.org", "correct horse battery staple")
    client.force_login(root)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
