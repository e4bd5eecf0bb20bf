"""Shared fixtures: personas built once per test (healthchecks' BaseTestCase, as fixtures)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported lazily: tests of smartvillage.optim run without Django
    from smartvillage.accounts.models import Organisation, User
    from smartvillage.territory.models import Commune

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits (allauth) and cached displays live in the cache: no test inherits another's."""
    from django.conf import settings

    if not settings.configured:  # tests of smartvillage.optim may run without Django
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commune(db) -> Commune:
    from smartvillage.territory.models import Commune

    return Commune.objects.create(
        insee_code="26074",
        name="La Chapelle-en-Vercors",
        departement="26",
        population=650,
        latitude=44.97,
        longitude=5.41,
    )


@pytest.fixture
def organisation(db) -> Organisation:
    from smartvillage.accounts.models import Organisation

    return Organisation.objects.create(
        name="Centre social La Paz", slug="la-paz", kind=Organisation.Kind.ASSOCIATION
    )


def _user(email: str, **extra) -> User:
    from smartvillage.accounts.models import User

    user = User.objects.create_user(email, PASSWORD, **extra)
    # allauth requires a verified address to log in with mandatory verification.
    user.emailaddress_set.create(email=email, verified=True, primary=True)
    return user


@pytest.fixture
def admin_user(organisation) -> User:
    from smartvillage.accounts.models import Membership

    user = _user("alice@example.org", first_name="Alice", last_name="Admin")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def member_user(organisation) -> User:
    from smartvillage.accounts.models import Membership

    user = _user("bob@example.org", first_name="Bob", last_name="Member")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def outsider(db) -> User:
    return _user("charlie@example.org", first_name="Charlie", last_name="Outsider")


@pytest.fixture
def make_user(db):
    return _user
