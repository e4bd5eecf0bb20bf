"""Django Ninja names an OpenAPI component after its Schema class: two classes of the same name
in two apps collapse into one component, and the document then describes one of them wrongly."""

import importlib
import inspect
import pkgutil

from ninja import Schema

import smartvillage


def _api_schemas() -> list[tuple[str, type]]:
    found = []
    for module in pkgutil.iter_modules(smartvillage.__path__):
        try:
            api = importlib.import_module(f"smartvillage.{module.name}.api")
        except ModuleNotFoundError:
            continue
        for name, value in vars(api).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Schema)
                and value.__module__ == api.__name__
            ):
                found.append((name, value))
    return found


def test_every_api_schema_class_has_a_name_of_its_own():
    by_name: dict[str, list[str]] = {}
    for name, cls in _api_schemas():
        by_name.setdefault(name, []).append(cls.__module__)
    assert len(by_name) > 10  # the walk found the apps' schemas
    clashes = {name: modules for name, modules in by_name.items() if len(modules) > 1}
    assert clashes == {}


def test_the_openapi_document_has_a_component_per_schema_class(client):
    components = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("CarBookingOut", "SpaceBookingOut", "TripBookingOut", "ThirdPlaceOut"):
        assert name in components
