"""Every model of Smart Village is manageable in the admin, with filters or search."""

import pytest
from django.apps import apps
from django.contrib import admin


def _our_models():
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("smartvillage.")
        for model in config.get_models()
        if not model._meta.auto_created
    ]


@pytest.mark.parametrize("model", _our_models(), ids=lambda m: m._meta.label)
def test_every_model_is_registered_in_the_admin(model):
    assert admin.site.is_registered(model), f"{model._meta.label} is not in the admin"


@pytest.mark.parametrize("model", _our_models(), ids=lambda m: m._meta.label)
def test_every_admin_offers_a_filter_or_a_search(model):
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        pytest.fail(f"{model._meta.label} is not in the admin")
    assert model_admin.list_filter or model_admin.search_fields, model._meta.label


def test_the_admin_index_renders_for_a_superuser(client, make_user):
    user = make_user("root@example.org", is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200


@pytest.mark.parametrize("model", _our_models(), ids=lambda m: m._meta.label)
def test_every_admin_list_answers_a_search(client, make_user, model):
    if not admin.site.is_registered(model):
        pytest.fail(f"{model._meta.label} is not in the admin")
    client.force_login(make_user("root@example.org", is_staff=True, is_superuser=True))
    meta = model._meta
    response = client.get(f"/admin/{meta.app_label}/{meta.model_name}/", {"q": "vercors"})
    assert response.status_code == 200
