from django.urls import path

from smartvillage.carsharing import ical, manage_views, views
from smartvillage.core.views import calendar_feed, member_ics

app_name = "carsharing"
urlpatterns = [
    path("", views.find, name="find"),
    path("vehicles/<int:pk>/book/", views.book, name="book"),
    path("bookings/", views.my_bookings, name="my_bookings"),
    # The member's bookings as iCalendar, and their private address (core views).
    path(
        "bookings.ics",
        member_ics,
        {"service": ical.SERVICE, "calendar": ical.bookings_calendar, "filename": "carsharing.ics"},
        name="ics",
    ),
    path("bookings/<int:pk>/", views.booking_detail, name="booking"),
    path("bookings/<int:pk>/change/", views.change_booking, name="change"),
    path("bookings/<int:pk>/cancel/", views.cancel_booking, name="cancel"),
    path("bookings/<int:pk>/check-out/", views.check_out, name="check_out"),
    path("bookings/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("bookings/<int:pk>/late/", views.running_late, name="late"),
    path(
        "calendar-feed/",
        calendar_feed,
        {"service": ical.SERVICE, "page": "carsharing:my_bookings"},
        name="calendar_feed",
    ),
    path("statements/", views.my_statements, name="my_statements"),
    path("damage/<int:pk>/photo/", views.damage_photo, name="damage_photo"),
    path("join/<slug:org>/", views.join, name="join"),
    path("manage/<slug:org>/", views.manage, name="manage"),
    path("manage/<slug:org>/vehicles/<int:pk>/", views.vehicle_calendar, name="vehicle_calendar"),
    path("manage/<slug:org>/members/<int:pk>/review/", views.review_member, name="review_member"),
    path("manage/<slug:org>/stations/new/", manage_views.station_edit, name="station_new"),
    path("manage/<slug:org>/stations/<int:pk>/", manage_views.station_edit, name="station_edit"),
    path("manage/<slug:org>/vehicles/new/", manage_views.vehicle_edit, name="vehicle_new"),
    path(
        "manage/<slug:org>/vehicles/<int:pk>/edit/", manage_views.vehicle_edit, name="vehicle_edit"
    ),
    path(
        "manage/<slug:org>/vehicles/<int:pk>/maintenance/",
        manage_views.block_new,
        name="block_new",
    ),
    path(
        "manage/<slug:org>/maintenance/<int:pk>/delete/",
        manage_views.block_delete,
        name="block_delete",
    ),
    path("manage/<slug:org>/plans/new/", manage_views.plan_edit, name="plan_new"),
    path("manage/<slug:org>/plans/<int:pk>/", manage_views.plan_edit, name="plan_edit"),
    path("manage/<slug:org>/damage/", manage_views.damage_list, name="damage_list"),
    path("manage/<slug:org>/damage/<int:pk>/", manage_views.damage_detail, name="damage_detail"),
    path("manage/<slug:org>/statements/", manage_views.statements_page, name="statements"),
]
