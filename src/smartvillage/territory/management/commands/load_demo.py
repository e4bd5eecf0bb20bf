from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from smartvillage.core.management.demo import DemoCommand
from smartvillage.territory.communes import DEFAULT_CSV, CommuneFileError, load_communes_file
from smartvillage.territory.demo import (
    DEMO_PASSWORD,
    ORGANISATIONS,
    MissingCommunes,
    load_demo_territory,
)


class Command(DemoCommand):
    help = (
        "Load the Vercors demo territory: communes, places, service areas, organisations and "
        "demo users (password printed at the end). Safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)  # --allow-production
        parser.add_argument(
            "--no-communes",
            action="store_true",
            help="Do not (re)load the commune file; the demo's communes must already exist.",
        )

    def load(self, **options: Any) -> None:
        verbosity = options["verbosity"]
        # The demo people are invented: what the services would tell them (emails, text
        # messages, sent once the transaction commits) is kept in memory instead.
        quiet = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            SMS_BACKEND="smartvillage.core.notifications.LocmemSmsBackend",
        )
        try:
            with quiet, transaction.atomic():
                if not options["no_communes"]:
                    load_communes_file(DEFAULT_CSV, progress=verbosity > 0)
                users = load_demo_territory()
                # Each service app may add its demo (cars, runs, desks…) by naming a command in
                # its AppConfig: the territory does not import the service apps.
                for config in apps.get_app_configs():
                    command = getattr(config, "demo_command", None)
                    if command:
                        call_command(
                            command, verbosity=verbosity, allow_production=True, stdout=self.stdout
                        )
        except CommuneFileError as exc:
            raise CommandError(str(exc)) from None
        except MissingCommunes as exc:
            raise CommandError(
                _("These communes are missing (run load_communes first): %(codes)s")
                % {"codes": ", ".join(exc.codes)}
            ) from None
        if not verbosity:
            return

        names = {org.slug: org.name for org in ORGANISATIONS}
        rows = [(_("Email"), _("Role"), _("Organisation"))]
        rows += [
            (user.email, str(user.role_label), names.get(user.organisation or "", "—"))
            for user in users
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write(self.style.SUCCESS(_("Demo territory loaded. Demo logins:")))
        for index, row in enumerate(rows):
            line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))
            self.stdout.write("  " + line.rstrip())
            if index == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write(
            _("Password for every demo account: %(password)s (demo only)")
            % {"password": DEMO_PASSWORD}
        )
