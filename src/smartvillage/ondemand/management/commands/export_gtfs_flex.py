"""Write a service's GTFS-Flex feed to a zip file: ``export_gtfs_flex SERVICE_SLUG OUT.zip``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from smartvillage.ondemand import gtfs_flex
from smartvillage.ondemand.models import Service


class Command(BaseCommand):
    help = "Export an on-demand service as a GTFS-Flex feed (zip)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("service", help="the service's slug")
        parser.add_argument("output", help="path of the zip file to write")
        parser.add_argument("--base-url", default=settings.SITE_ROOT)

    def handle(self, *args: Any, **options: Any) -> None:
        service = Service.objects.filter(slug=options["service"]).first()
        if service is None:
            known = ", ".join(Service.objects.values_list("slug", flat=True)) or _("none")
            raise CommandError(
                _("unknown service '%(slug)s' (known: %(known)s)")
                % {"slug": options["service"], "known": known}
            )
        path = Path(options["output"])
        if not path.parent.exists():
            raise CommandError(_("directory %(path)s does not exist") % {"path": path.parent})
        path.write_bytes(gtfs_flex.feed_bytes(service, base_url=options["base_url"]))
        self.stdout.write(_("GTFS-Flex feed written to %(path)s.") % {"path": path})
