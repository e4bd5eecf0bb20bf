"""The base of every service's demo command (``demo_command`` in its AppConfig)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _


class DemoCommand(BaseCommand):
    """Refuses to run with DEBUG off unless told to: demo people share a published password.

    Subclasses implement :meth:`load` (idempotent) instead of ``handle``.
    """

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off. The demo users share a published password.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                _("DEBUG is off: use --allow-production to load the demo users anyway.")
            )
        self.load(**options)

    def load(self, **options: Any) -> None:
        raise NotImplementedError
