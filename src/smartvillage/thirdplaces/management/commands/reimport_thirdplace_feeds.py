"""Import again every iCalendar feed already imported into a third place (periodic job).

The feeds are those named in the events' ``imported_from``; one that cannot be read or parsed
is reported and skipped (the others are still imported).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from smartvillage.thirdplaces.ical_import import FeedError, import_feed, read_source
from smartvillage.thirdplaces.models import Event, ThirdPlace


class Command(BaseCommand):
    help = "Import again the iCalendar feeds the third places' agendas came from."

    def handle(self, *args: Any, **options: Any) -> None:
        sources = (
            Event.objects.exclude(imported_from="")
            .values_list("third_place_id", "imported_from")
            .distinct()
            .order_by("third_place_id", "imported_from")
        )
        places = {place.pk: place for place in ThirdPlace.objects.all()}
        for place_id, source in sources:
            place = places[place_id]
            try:
                result = import_feed(place, read_source(source), source=source)
            except (FeedError, OSError) as exc:
                self.stderr.write(f"{place.slug} {source}: {exc}")
                continue
            if options["verbosity"]:
                self.stdout.write(
                    _("%(place)s %(source)s: %(created)s created, %(updated)s updated, "
                      "%(cancelled)s cancelled")
                    % {"place": place.slug, "source": source, "created": result.created,
                       "updated": result.updated, "cancelled": result.cancelled}
                )  # fmt: skip
