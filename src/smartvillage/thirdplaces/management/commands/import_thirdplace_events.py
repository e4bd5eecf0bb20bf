"""Import an iCalendar feed into a third place's agenda: ``import_thirdplace_events SLUG SOURCE``.

SOURCE is a file path or an http(s) URL. Safe to run again (cron): events are matched by UID and
RECURRENCE-ID; recurring events are expanded over ``--horizon`` days; upcoming events of the same
source that the feed no longer has are cancelled (registered people are told).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from smartvillage.thirdplaces.ical_import import FeedError, import_feed, read_source
from smartvillage.thirdplaces.models import ThirdPlace


class Command(BaseCommand):
    help = "Import an iCalendar feed (file or URL) into a third place's agenda, by UID."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("place", help="slug of the third place")
        parser.add_argument("source", help="path or http(s) URL of the .ics feed")
        parser.add_argument(
            "--horizon",
            type=int,
            default=None,
            help="expand recurring events over this many days (default: the setting, 180)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        place = ThirdPlace.objects.filter(slug=options["place"]).first()
        if place is None:
            raise CommandError(_("unknown third place '%(slug)s'") % {"slug": options["place"]})
        try:
            text = read_source(options["source"])
            result = import_feed(place, text, source=options["source"], horizon=options["horizon"])
        except FeedError as exc:
            raise CommandError(
                _("%(source)s: %(error)s") % {"source": options["source"], "error": exc}
            ) from None
        except OSError as exc:
            raise CommandError(
                _("%(source)s: cannot be read (%(error)s)")
                % {"source": options["source"], "error": exc}
            ) from None
        self.stdout.write(
            _(
                "%(place)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(cancelled)s cancelled (%(told)s registered people told)."
            )
            % {
                "place": place.name,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "cancelled": result.cancelled,
                "told": result.told,
            }
        )
