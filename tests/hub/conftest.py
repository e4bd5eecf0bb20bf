"""Hub personas: the park (a public body: its operator moderates), an association with an
author, and a resident who is nobody's staff."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from smartvillage.accounts.models import Membership, Organisation, User
from smartvillage.hub.models import Actor, Initiative, Status
from smartvillage.territory.models import Commune

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def _user(email: str) -> User:
    return User.objects.create_user(email, "correct horse battery staple", first_name="Ana")


@pytest.fixture
def commune(db) -> Commune:
    return Commune.objects.create(
        insee_code="26074", name="La Chapelle-en-Vercors", departement="26", population=650,
        latitude=44.97, longitude=5.41,
    )  # fmt: skip


@pytest.fixture
def other_commune(db) -> Commune:
    return Commune.objects.create(
        insee_code="38225", name="Autrans-Méaudre en Vercors", departement="38",
        population=2936, latitude=45.168, longitude=5.545,
    )  # fmt: skip


@pytest.fixture
def park(db) -> Organisation:
    return Organisation.objects.create(
        name="Parc du Vercors", slug="parc", kind=Organisation.Kind.PUBLIC_BODY
    )


@pytest.fixture
def association(db) -> Organisation:
    return Organisation.objects.create(
        name="Activ'Royans", slug="activ-royans", kind=Organisation.Kind.ASSOCIATION
    )


@pytest.fixture
def moderator(park) -> User:
    user = _user("moderator@example.org")
    Membership.objects.create(user=user, organisation=park, role=Membership.Role.OPERATOR)
    return user


@pytest.fixture
def author(association) -> User:
    user = _user("author@example.org")
    Membership.objects.create(user=user, organisation=association, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def resident(db) -> User:
    return _user("resident@example.org")


@pytest.fixture
def actor(association, author, commune) -> Actor:
    actor = Actor.objects.create(
        kind=Actor.Kind.ORGANISATION, name="Activ'Royans", slug="activ-royans",
        organisation=association, owner=author, consent_listed=True, roles="holder help",
        helps_on="mobility", email="contact@activ.example", phone="0475000000",
        contact_by="email",
    )  # fmt: skip
    actor.communes.add(commune)
    return actor


@pytest.fixture
def draft(author, association, commune) -> Initiative:
    sheet = Initiative.objects.create(
        title="Autostop organisé", slug="autostop-organise", summary="Des arrêts signalés.",
        solution_type=Initiative.SolutionType.SERVICE, dimensions="mobility people",
        author=author, organisation=association, status=Status.DRAFT,
    )  # fmt: skip
    sheet.communes.add(commune)
    return sheet
