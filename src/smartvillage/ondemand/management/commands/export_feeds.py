"""Write the GTFS-Flex feed of every active service to DATA_DIR/exports/gtfs-flex/SLUG.zip.

The nightly export of :mod:`smartvillage.schedule`; a feed is replaced atomically (written
beside it, then renamed) so that a reader never gets half a file.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from smartvillage.ondemand import gtfs_flex
from smartvillage.ondemand.models import Service


class Command(BaseCommand):
    help = "Export every active on-demand service as a GTFS-Flex feed under DATA_DIR/exports."

    def handle(self, *args: Any, **options: Any) -> None:
        folder = settings.DATA_DIR / "exports" / "gtfs-flex"
        folder.mkdir(parents=True, exist_ok=True)
        for service in Service.objects.filter(is_active=True):
            path = folder / f"{service.slug}.zip"
            partial = path.with_suffix(".zip.part")
            partial.write_bytes(gtfs_flex.feed_bytes(service, base_url=settings.SITE_ROOT))
            os.replace(partial, path)
            if options["verbosity"]:
                self.stdout.write(str(path))
