"""The authorization matrix: every URL pattern of the URLconf × six personas.

Each app declares what its URLs allow in ``tests/<app>/authz.py`` (see CONTRIBUTING.md):

- ``build(world)`` creates the objects its URLs need and stores them on ``world``
  (``world.carsharing_booking = ...``); the personas and organisations are already there;
- ``SETTINGS`` (optional): settings the matrix runs with (a short optimiser search...);
- ``ENTRIES`` maps each of its URL patterns to an :class:`Entry`: how to build the URL's
  kwargs from the world, and the expected outcome per persona for each HTTP method.

``tests/project/test_authorization_matrix.py`` walks the URLconf: a pattern without an entry
fails the suite, and so does an entry without a pattern, or an outcome that differs.

Keys: a named pattern is keyed by its name with its namespace (``"carsharing:book"``,
``"account_login"``); API paths (whose Ninja names repeat across routers) and unnamed patterns
are keyed by their route (``"api/v1/carsharing/bookings/<booking_id>"``).

Outcomes, one per persona in the order of :data:`PERSONAS`, separated by spaces (one token
alone stands for all six):

``ok``     allowed: a 2xx, 3xx (not to the login page), 400, 410 or 422 — the view ran for
           this person (bad input is not an access refusal);
``login``  redirected to the login page (an anonymous visitor of a private page);
``401``    the API's "authentication required";
``403``    refused: a member without the role, or a person the service does not accept;
``404``    not found: the object is not theirs (its existence is not revealed);
``405``    wrong method.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

PERSONAS = ("anonymous", "resident", "driver", "other_operator", "staff", "admin")
OUTCOMES = {"ok", "login", "401", "403", "404", "405"}
METHODS = ("get", "post", "put", "patch", "delete")

# Shorthands for the common shapes (anonymous, resident, driver, other operator, staff, admin).
PUBLIC = "ok"
SIGNED_IN = "login ok ok ok ok ok"
OWNER = "login ok 404 404 404 404"  # the resident's own object
STAFF = "login 403 403 404 ok ok"  # the organisation's admins and operators
ADMIN_ONLY = "login 403 403 404 403 ok"
API_SIGNED_IN = "401 ok ok ok ok ok"
API_OWNER = "401 ok 404 404 404 404"

Builder = Callable[["World"], dict[str, Any]]


class World(SimpleNamespace):
    """The objects the matrix requests: personas, organisations, and each app's objects.

    ``org`` runs every service; ``resident``, ``driver``, ``staff`` (an operator) and
    ``admin`` hold the matching role in it; ``other_operator`` is an operator of
    ``other_org``, which runs services of its own: an app whose URLs name a service or a
    place by slug adds ``world.counterparts[our_slug] = their_slug``.
    """

    users: dict[str, Any]
    counterparts: dict[str, str]


@dataclass(frozen=True)
class Entry:
    """What one URL pattern allows. Methods left out are not requested, except that a page
    declared for POST only must answer GET with 405 (wrong method)."""

    get: str | None = None
    post: str | None = None
    put: str | None = None
    patch: str | None = None
    delete: str | None = None
    kwargs: Builder | None = None
    query: Builder | None = None  # GET parameters
    data: Builder | None = None  # the body of POST/PUT/PATCH (form fields, or JSON for the API)
    # The other operator asking for this organisation's object through their own
    # organisation's URL (see :func:`other_org_kwargs`); None: 404, or 403 when staff get 403.
    other_org: str | None = None

    def expected(self, method: str) -> dict[str, str] | None:
        spec = getattr(self, method)
        return None if spec is None else outcomes(spec)

    def methods(self) -> list[str]:
        return [m for m in METHODS if getattr(self, m) is not None]


def other_org_kwargs(world: World, kwargs: dict[str, Any]) -> dict[str, Any] | None:
    """The URL's kwargs with the organisation's slugs (its own, its services', its places')
    swapped for the other organisation's counterparts (``world.counterparts``), keeping the
    object ids: how an operator would try to reach another organisation's objects through
    the pages of their own. None when the URL names no object or no swappable slug."""
    swapped = {
        k: world.counterparts.get(v, v) if isinstance(v, str) else v for k, v in kwargs.items()
    }
    names_an_object = any(k == "pk" or k.endswith(("_pk", "_id")) for k in kwargs)
    return swapped if names_an_object and swapped != kwargs else None


def outcomes(spec: str) -> dict[str, str]:
    tokens = spec.split()
    if len(tokens) == 1:
        tokens = tokens * len(PERSONAS)
    if len(tokens) != len(PERSONAS) or not set(tokens) <= OUTCOMES:
        raise ValueError(f"{spec!r}: give one of {sorted(OUTCOMES)} per persona {PERSONAS}")
    return dict(zip(PERSONAS, tokens, strict=True))


# --- The URLconf ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str
    route: str  # the full route, as Django joins it ("carsharing/bookings/<int:pk>/")
    namespace: str
    name: str | None
    callback: Any


API_NAMESPACE = "api-1"


def url_patterns() -> list[Pattern]:
    """Every URL pattern of the URLconf, with its matrix key."""
    from django.urls import URLResolver, get_resolver

    found: list[Pattern] = []

    def walk(patterns: Any, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, [namespace, p.namespace]))
                walk(p.url_patterns, prefix + str(p.pattern), ns)
                continue
            route = prefix + str(p.pattern)
            if namespace == API_NAMESPACE or not p.name:
                key = route
            else:
                key = f"{namespace}:{p.name}" if namespace else p.name
            found.append(Pattern(key, route, namespace, p.name, p.callback))

    walk(get_resolver().url_patterns, "", "")
    return found


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def build_url(pattern: Pattern, kwargs: dict[str, Any]) -> str:
    """The path of ``pattern`` with ``kwargs`` (by name when unique, else by its route)."""
    from django.urls import reverse

    if pattern.key != pattern.route:
        return reverse(pattern.key, kwargs=kwargs)

    def value(match: re.Match[str]) -> str:
        return str(kwargs[match.group(1)])

    return "/" + _PARAM.sub(value, pattern.route)


# --- Rules for what is not ours ------------------------------------------------------------------


def is_admin(pattern: Pattern) -> bool:
    """Django's admin: every page is for platform staff (``is_staff``) only, checked by
    ``admin_view``; the matrix checks that rule on every admin URL (tested by rule, not by
    entry: the admin has several URLs per registered model)."""
    return pattern.namespace == "admin"


def is_dev_media(pattern: Pattern) -> bool:
    """``static()`` serving MEDIA_URL, added to the URLconf with DEBUG only (the demo)."""
    return getattr(pattern.callback, "__module__", "") == "django.views.static"


RULES = (is_admin, is_dev_media)


def ruled(pattern: Pattern) -> bool:
    return any(rule(pattern) for rule in RULES)


# --- The apps' declarations ----------------------------------------------------------------------

TESTS_DIR = Path(__file__).resolve().parent


def app_modules() -> list[Any]:
    """Every ``tests/<app>/authz.py``, in a stable order."""
    return [
        importlib.import_module(f"tests.{path.parent.name}.authz")
        for path in sorted(TESTS_DIR.glob("*/authz.py"))
    ]


def all_entries() -> dict[str, tuple[str, Entry]]:
    """Key → (declaring module, entry); a key declared twice is an error."""
    entries: dict[str, tuple[str, Entry]] = {}
    for module in app_modules():
        for key, entry in module.ENTRIES.items():
            if key in entries:
                raise ValueError(f"{key!r} is declared in {entries[key][0]} and {module.__name__}")
            entries[key] = (module.__name__, entry)
    return entries


def png_bytes() -> bytes:
    """A real (tiny) PNG image, for the photos the URLs serve."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def matrix_settings() -> dict[str, Any]:
    """The settings every app asks the matrix to run with."""
    merged: dict[str, Any] = {}
    for module in app_modules():
        merged.update(getattr(module, "SETTINGS", {}))
    return merged


def build_world() -> World:
    """The personas, both organisations, and every app's objects (call inside a transaction)."""
    from smartvillage.accounts.models import Membership, Organisation, User
    from smartvillage.territory.models import Commune

    world = World()
    world.commune = Commune.objects.create(
        insee_code="26074", name="La Chapelle-en-Vercors", departement="26", population=650,
        latitude=44.97, longitude=5.41,
    )  # fmt: skip
    # A public body (the park) runs every service: its staff are also "territory staff".
    world.org = Organisation.objects.create(
        name="Parc du Vercors", slug="parc", kind=Organisation.Kind.PUBLIC_BODY
    )
    world.other_org = Organisation.objects.create(
        name="Autre association", slug="autre", kind=Organisation.Kind.ASSOCIATION
    )
    roles = {
        "resident": (world.org, Membership.Role.MEMBER),
        "driver": (world.org, Membership.Role.DRIVER),
        "other_operator": (world.other_org, Membership.Role.OPERATOR),
        "staff": (world.org, Membership.Role.OPERATOR),
        "admin": (world.org, Membership.Role.ADMIN),
    }
    # Slugs of the organisation's things → the other organisation's own (apps add theirs).
    world.counterparts = {world.org.slug: world.other_org.slug}
    world.users = {"anonymous": None}
    for persona, (organisation, role) in roles.items():
        email = f"{persona.replace('_', '-')}@example.org"
        user = User.objects.create_user(
            email, "correct horse battery staple", first_name=persona.title(),
            last_name="Persona", phone="0601020304", commune=world.commune,
        )  # fmt: skip
        user.emailaddress_set.create(email=email, verified=True, primary=True)
        Membership.objects.create(user=user, organisation=organisation, role=role)
        world.users[persona] = user
        setattr(world, persona, user)
    for module in app_modules():
        build = getattr(module, "build", None)
        if build is not None:
            build(world)
    return world
