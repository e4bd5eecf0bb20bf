from django.urls import URLPattern, URLResolver, path

from smartvillage.thirdplaces import views

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
    path("coverage/", views.coverage_page, name="coverage"),
    path("spaces/<int:pk>/book/", views.book, name="book"),
    path("passes/<int:pk>/buy/", views.buy_pass, name="buy_pass"),
    path("me/bookings/", views.my_bookings, name="my_bookings"),
    path("me/bookings.ics", views.ics, name="ics"),
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
    path(
        "manage/<slug:org>/<slug:slug>/statements/<str:month>/",
        views.statement,
        name="statement",
    ),
    path("<slug:slug>/", views.place_detail, name="place"),
    path("<slug:slug>/agenda.ics", views.place_agenda_ics, name="place_ics"),
]
