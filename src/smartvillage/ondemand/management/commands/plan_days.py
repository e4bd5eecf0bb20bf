"""Plan the next days of every active service (for cron): runs, recurring trips, optimisation.

    smartvillage plan_days --days 3 [--service SLUG] [--time-limit 20] [--propose-only]

For each service day: create the runs (vehicles with an available driver), book the recurring
trips that fall within the booking horizon, then re-optimise and apply the new plan when it
places more trips or drives less. With ``--propose-only`` the plan waits for an operator's
validation. A failed optimisation leaves the day's plan as it was.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from smartvillage.ondemand.models import RecurringBooking, Service
from smartvillage.ondemand.services import booking, planning


class Command(BaseCommand):
    help = "Plan the next days of the on-demand services (runs, recurring trips, optimisation)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3)
        parser.add_argument("--service", help="slug of one service (default: all active)")
        parser.add_argument("--time-limit", type=float, default=20.0)
        parser.add_argument("--propose-only", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 1:
            raise CommandError(_("--days must be at least 1"))
        services = Service.objects.filter(is_active=True)
        if options["service"]:
            services = services.filter(slug=options["service"])
            if not services.exists():
                raise CommandError(_("unknown service '%(slug)s'") % {"slug": options["service"]})
        for service in services:
            for recurring in RecurringBooking.objects.filter(service=service, is_active=True):
                made, failed = booking.materialise_recurring(recurring)
                for day, why in failed:
                    self.stdout.write(
                        _("%(service)s %(day)s, recurring trip #%(id)s: %(reason)s")
                        % {
                            "service": service.slug,
                            "day": day.isoformat(),
                            "id": recurring.pk,
                            "reason": why,
                        }
                    )
            for day in planning.upcoming_days(service, options["days"]):
                proposal, outcome = planning.plan_day(
                    service,
                    day,
                    time_limit=options["time_limit"],
                    apply=not options["propose_only"],
                )
                outcome = self.outcome_label(outcome)
                values = {"service": service.slug, "day": day.isoformat(), "outcome": outcome}
                if proposal:
                    values["km"] = number_format(proposal.saving_m / 1000, 1)
                    self.stdout.write(_("%(service)s %(day)s: %(outcome)s (-%(km)s km)") % values)
                else:
                    self.stdout.write(_("%(service)s %(day)s: %(outcome)s") % values)

    @staticmethod
    def outcome_label(outcome: str) -> str:
        """The planning step's outcome in the operator's language (a validation error as is)."""
        labels = {
            "no bookings": _("no bookings"),
            "applied": _("new plan applied"),
            "no improvement": _("no improvement"),
            "proposed": _("new plan proposed, waiting for validation"),
        }
        return labels.get(outcome, outcome)
