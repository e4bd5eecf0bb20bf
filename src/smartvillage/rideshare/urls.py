from django.urls import path

from smartvillage.rideshare import views

app_name = "rideshare"
urlpatterns = [
    path("", views.home, name="home"),
    path("stops/", views.stops, name="stops"),
    path("stops.geojson", views.stops_geojson, name="stops_geojson"),
    path("stops.bnlc.csv", views.stops_bnlc, name="stops_bnlc"),
    path("stops/<int:pk>/cards/", views.stop_cards, name="stop_cards"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
    path("card/check/<str:token>/", views.check_card, name="check_card"),
    path("follow/<str:token>/", views.follow, name="follow"),
    path("join/", views.join, name="join"),
    path("me/", views.dashboard, name="dashboard"),
    path("me/card/", views.card, name="card"),
    path("me/notifications/", views.notify_preferences, name="notify_preferences"),
    path("me/vehicles/", views.add_vehicle, name="add_vehicle"),
    path("members/<str:number>/photo/", views.photo, name="photo"),
    path("members/<str:number>/<str:action>/", views.member_action, name="member_action"),
    path("trips/new/", views.new_trip, name="new_trip"),
    path("trips/<int:pk>/", views.trip_detail, name="trip"),
    path("trips/<int:pk>/cancel/", views.cancel_trip, name="cancel_trip"),
    path("trips/<int:pk>/contact/", views.contact_driver, name="contact_driver"),
    path("requests/new/", views.new_request, name="new_request"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact"),
    path("contacts/<int:pk>/<str:action>/", views.contact_action, name="contact_action"),
    path("hitch/", views.new_hitch, name="new_hitch"),
    path("hitch/<int:pk>/", views.hitch_detail, name="hitch"),
    path("hitch/<int:pk>/<str:action>/", views.hitch_action, name="hitch_action"),
    path("rides/<int:pk>/", views.ride_detail, name="ride"),
    path("rides/<int:pk>/<str:action>/", views.ride_action, name="ride_action"),
    path("relay/<slug:org>/", views.relay, name="relay"),
    path(
        "relay/<slug:org>/members/<int:pk>/validate/", views.relay_validate, name="relay_validate"
    ),
    path("relay/<slug:org>/members/<int:pk>/suspend/", views.relay_suspend, name="relay_suspend"),
    path("relay/<slug:org>/reports/<int:pk>/", views.relay_moderate, name="relay_moderate"),
    path("relay/<slug:org>/stops/", views.relay_new_stop, name="relay_new_stop"),
    path("relay/<slug:org>/proofs.<str:fmt>", views.relay_proofs, name="relay_proofs"),
]
