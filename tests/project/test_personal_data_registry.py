"""Every service app that keeps personal data takes part in "my data" and account erasure."""

import pytest

from smartvillage.accounts import gdpr

SERVICES = ["carsharing", "ondemand", "rideshare", "thirdplaces", "seasonal"]


@pytest.mark.parametrize("app", SERVICES)
def test_every_service_exports_and_erases_personal_data(app):
    assert any(name.startswith(f"{app}.") for name in gdpr._exporters), f"{app}: no exporter"
    assert any(name.startswith(f"{app}.") for name in gdpr._erasers), f"{app}: no eraser"


def test_the_export_of_a_person_includes_every_service(make_user):
    user = make_user("gdpr@example.org")
    data = gdpr.export_user_data(user)
    text = repr(data)
    for app in SERVICES:
        assert app in text, app
