"""Third-place pages, one module per area: ``directory`` (network directory and map, exports,
a page per place, telework impact), ``bookings`` (booking, passes, the member's bookings and
calendar), ``agenda`` (events and registration), ``manager`` (occupancy, statements, closures
and events); ``access`` holds the permission-checked getters. The coverage analysis and the
manager's edit pages live in ``coverage_views`` and ``manage_views``."""

from smartvillage.thirdplaces.views.access import (
    _get_booking_for_user,
    _get_org_for_manager,
    _get_place_for_manager,
    _published_place,
    is_territory_staff,
)
from smartvillage.thirdplaces.views.agenda import (
    agenda,
    agenda_ics,
    event_detail,
    place_agenda_ics,
    register,
    unregister,
)
from smartvillage.thirdplaces.views.bookings import (
    book,
    buy_pass,
    cancel_booking,
    change_booking,
    my_bookings,
    workplace,
    workplace_delete,
)
from smartvillage.thirdplaces.views.directory import (
    directory,
    export_csv,
    export_geojson,
    filtered_places,
    impact_csv,
    impact_page,
    place_detail,
)
from smartvillage.thirdplaces.views.manager import (
    cancel_event,
    delete_closure,
    manage,
    manage_place,
    occupancy,
    statement,
)

__all__ = [
    "_get_booking_for_user",
    "_get_org_for_manager",
    "_get_place_for_manager",
    "_published_place",
    "agenda",
    "agenda_ics",
    "book",
    "buy_pass",
    "cancel_booking",
    "cancel_event",
    "change_booking",
    "delete_closure",
    "directory",
    "event_detail",
    "export_csv",
    "export_geojson",
    "filtered_places",
    "impact_csv",
    "impact_page",
    "is_territory_staff",
    "manage",
    "manage_place",
    "my_bookings",
    "occupancy",
    "place_agenda_ics",
    "place_detail",
    "register",
    "statement",
    "unregister",
    "workplace",
    "workplace_delete",
]
