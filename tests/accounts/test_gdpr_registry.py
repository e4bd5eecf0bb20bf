import pytest

from smartvillage.accounts import gdpr


@pytest.fixture(autouse=True)
def _isolated_registry(monkeypatch):
    monkeypatch.setattr(gdpr, "_exporters", {})
    monkeypatch.setattr(gdpr, "_erasers", {})


def test_it_refuses_a_name_taken_by_another_function():
    gdpr.register_exporter("tests.part", lambda user: 1)
    with pytest.raises(ValueError, match="already registered"):
        gdpr.register_exporter("tests.part", lambda user: 2)


def test_it_accepts_the_same_function_twice():
    def export(user):
        return 1

    gdpr.register_exporter("tests.part", export)
    gdpr.register_exporter("tests.part", export)


def test_it_requires_namespaced_names():
    with pytest.raises(ValueError, match="namespaced"):
        gdpr.register_eraser("bookings", lambda user: None)


def test_it_exports_every_registered_part(member_user):
    gdpr.register_exporter("tests.b", lambda user: user.pk)
    gdpr.register_exporter("tests.a", lambda user: "a")
    assert gdpr.export_user_data(member_user)["data"] == {"tests.a": "a", "tests.b": member_user.pk}
