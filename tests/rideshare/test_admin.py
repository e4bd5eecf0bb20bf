"""Every rideshare model is in the admin with filters or a search, and its pages open."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

MODELS = list(apps.get_app_config("rideshare").get_models())


def test_every_model_is_registered_with_a_filter_and_a_search():
    missing = [m.__name__ for m in MODELS if m not in admin.site._registry]
    assert missing == []
    for model in MODELS:
        model_admin = admin.site._registry[model]
        assert model_admin.list_filter, model.__name__
        assert model_admin.search_fields, model.__name__


@pytest.fixture
def superuser(make_user):
    user = make_user("root@example.org")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_change_list_opens_with_a_search(client, superuser, model, driver, car, trip):
    client.force_login(superuser)
    url = reverse(f"admin:rideshare_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "RP-0"}).status_code == 200


def test_a_member_of_staff_without_permission_is_refused(client, make_user):
    user = make_user("staff@example.org")
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(reverse("admin:rideshare_ride_changelist")).status_code == 403
