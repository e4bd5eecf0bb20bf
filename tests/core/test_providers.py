"""core.providers.Registry: namespaced names, stable order, no silent replacement."""

import pytest

from smartvillage.core.providers import Registry


def test_it_refuses_a_name_without_an_app_prefix():
    with pytest.raises(ValueError, match="namespaced"):
        Registry[object]("nothing_to_discover").register("stations", object())


def test_it_refuses_two_providers_under_one_name():
    registry = Registry[object]("nothing_to_discover")
    first = registry.register("app.part", object())

    registry.register("app.part", first)  # the same one again is harmless
    with pytest.raises(ValueError, match="already registered"):
        registry.register("app.part", object())


def test_it_lists_providers_sorted_by_name():
    registry = Registry[str]("nothing_to_discover")
    registry.register("b.two", "second")
    registry.register("a.one", "first")

    assert registry.all() == ["first", "second"]
    assert registry.get("b.two") == "second"
