"""Every service's demo command refuses a production instance unless told otherwise."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from smartvillage.accounts.models import User

DEMO_COMMANDS = [
    config.demo_command
    for config in apps.get_app_configs()
    if getattr(config, "demo_command", None)
]


def test_every_service_names_a_demo_command():
    assert len(DEMO_COMMANDS) >= 4


@pytest.mark.parametrize("command", DEMO_COMMANDS)
def test_it_refuses_to_run_with_debug_off(db, settings, command):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production"):
        call_command(command, verbosity=0)
    assert not User.objects.exists()
