from __future__ import annotations

import pytest

from smartvillage.accounts.models import Membership


@pytest.fixture
def operator_user(organisation, make_user):
    user = make_user("olga@example.org", first_name="Olga", last_name="Operator")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.OPERATOR)
    return user


@pytest.fixture
def second_admin(organisation, make_user):
    user = make_user("dora@example.org", first_name="Dora", last_name="Admin")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user
