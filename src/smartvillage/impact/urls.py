from django.urls import path

from smartvillage.impact import engage_views as engage
from smartvillage.impact import views

app_name = "impact"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("widget/", views.widget, name="widget"),
    path("widget/<str:insee_code>/", views.widget, name="widget_commune"),
    path("mine/", views.my_impact, name="mine"),
    path("factors/", views.factors_page, name="factors"),
    path("factors/<int:pk>/make-current/", views.make_current, name="make_current"),
]

urlpatterns += [
    path("challenges/", engage.challenges, name="challenges"),
    path("challenges/<slug:slug>/", engage.challenge_page, name="challenge"),
    path("challenges/<slug:slug>/join/", engage.join_challenge, name="join"),
    path("challenges/<slug:slug>/leave/", engage.leave_challenge, name="leave"),
    path("manage/<slug:org>/challenges/new/", engage.challenge_new, name="challenge_new"),
    path("manage/<slug:org>/challenges/<int:pk>/", engage.challenge_edit, name="challenge_edit"),
    path("events/", engage.events, name="events"),
    path("events/<slug:slug>/", engage.event_page, name="event"),
    path("events/<slug:slug>/carpool/", engage.post_carpool, name="post_carpool"),
    path(
        "events/<slug:slug>/carpool/<int:pk>/withdraw/",
        engage.withdraw_carpool,
        name="withdraw_carpool",
    ),
    path("manage/<slug:org>/events/new/", engage.event_new, name="event_new"),
    path("manage/<slug:org>/events/<int:pk>/", engage.event_edit, name="event_edit"),
    path("ride-home/", engage.ride_home, name="ride_home"),
]
