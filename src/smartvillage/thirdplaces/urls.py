from django.urls import URLPattern, URLResolver, path

from smartvillage.core.views import calendar_feed, member_ics
from smartvillage.thirdplaces import coverage_views, ical, manage_views, views

app_name = "thirdplaces"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.directory, name="directory"),
    path("places.csv", views.export_csv, name="csv"),
    path("places.geojson", views.export_geojson, name="geojson"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/register/", views.register, name="register"),
    path("events/<int:pk>/unregister/", views.unregister, name="unregister"),
    path("impact/", views.impact_page, name="impact"),
    path("impact.csv", views.impact_csv, name="impact_csv"),
    path("coverage/", coverage_views.coverage_page, name="coverage"),
    path("coverage.csv", coverage_views.coverage_csv, name="coverage_csv"),
    path("spaces/<int:pk>/book/", views.book, name="book"),
    path("passes/<int:pk>/buy/", views.buy_pass, name="buy_pass"),
    path("me/bookings/", views.my_bookings, name="my_bookings"),
    # The member's bookings and registrations as iCalendar, and their private address (core).
    path(
        "me/bookings.ics",
        member_ics,
        {"service": ical.SERVICE, "calendar": ical.member_calendar, "filename": "tiers-lieux.ics"},
        name="ics",
    ),
    path(
        "me/calendar-feed/",
        calendar_feed,
        {"service": ical.SERVICE, "page": "thirdplaces:my_bookings"},
        name="calendar_feed",
    ),
    path("me/bookings/<int:pk>/change/", views.change_booking, name="change"),
    path("me/bookings/<int:pk>/cancel/", views.cancel_booking, name="cancel"),
    path("me/workplace/", views.workplace, name="workplace"),
    path("me/workplace/delete/", views.workplace_delete, name="workplace_delete"),
    path("manage/<slug:org>/", views.manage, name="manage"),
    path("manage/<slug:org>/<slug:slug>/", views.manage_place, name="manage_place"),
    path(
        "manage/<slug:org>/<slug:slug>/closures/<int:pk>/delete/",
        views.delete_closure,
        name="delete_closure",
    ),
    path(
        "manage/<slug:org>/<slug:slug>/events/<int:pk>/cancel/",
        views.cancel_event,
        name="cancel_event",
    ),
    path("manage/<slug:org>/<slug:slug>/calendar/", views.occupancy, name="occupancy"),
    path("manage/<slug:org>/<slug:slug>/edit/", manage_views.place_edit, name="manage_edit"),
    path("manage/<slug:org>/<slug:slug>/hours/", manage_views.hours_edit, name="manage_hours"),
    path("manage/<slug:org>/<slug:slug>/photos/", manage_views.photos, name="manage_photos"),
    path(
        "manage/<slug:org>/<slug:slug>/photos/<int:pk>/delete/",
        manage_views.photo_delete,
        name="photo_delete",
    ),
    path("manage/<slug:org>/<slug:slug>/spaces/new/", manage_views.space_edit, name="space_new"),
    path(
        "manage/<slug:org>/<slug:slug>/spaces/<int:pk>/",
        manage_views.space_edit,
        name="space_edit",
    ),
    path("manage/<slug:org>/<slug:slug>/passes/new/", manage_views.pass_edit, name="pass_new"),
    path(
        "manage/<slug:org>/<slug:slug>/passes/<int:pk>/", manage_views.pass_edit, name="pass_edit"
    ),
    path(
        "manage/<slug:org>/<slug:slug>/bookings/",
        manage_views.bookings,
        name="manage_bookings",
    ),
    path(
        "manage/<slug:org>/<slug:slug>/bookings/<int:pk>/cancel/",
        manage_views.booking_cancel,
        name="manager_cancel",
    ),
    path(
        "manage/<slug:org>/<slug:slug>/closures/<int:pk>/",
        manage_views.closure_bookings,
        name="closure_bookings",
    ),
    path(
        "manage/<slug:org>/<slug:slug>/import/",
        manage_views.events_import,
        name="events_import",
    ),
    path(
        "manage/<slug:org>/<slug:slug>/statements/<str:month>/",
        views.statement,
        name="statement",
    ),
    path("<slug:slug>/", views.place_detail, name="place"),
    path("<slug:slug>/agenda.ics", views.place_agenda_ics, name="place_ics"),
]
