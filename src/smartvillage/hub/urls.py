from django.urls import URLPattern, URLResolver, path

from smartvillage.hub import assessment_views, event_views, views

app_name = "hub"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("search/", event_views.search, name="search"),
    path("me/", views.my_entries, name="my_entries"),
    path("actors/", views.actors, name="actors"),
    path("actors.csv", views.actors_csv, name="actors_csv"),
    path("actors.geojson", views.actors_geojson, name="actors_geojson"),
    path("actors/new/", views.actor_edit, name="actor_new"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
    path("actors/<slug:slug>/edit/", views.actor_edit, name="actor_edit"),
    path("initiatives/", views.initiatives, name="initiatives"),
    path("initiatives.csv", views.initiatives_csv, name="initiatives_csv"),
    path("initiatives/new/", views.initiative_edit, name="initiative_new"),
    path("moderation/", views.moderation, name="moderation"),
    path("initiatives/<slug:slug>/", views.initiative_detail, name="initiative"),
    path("initiatives/<slug:slug>/edit/", views.initiative_edit, name="initiative_edit"),
    path(
        "initiatives/<slug:slug>/photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"
    ),
    path("initiatives/<slug:slug>/submit/", views.initiative_submit, name="initiative_submit"),
    path("initiatives/<slug:slug>/publish/", views.initiative_publish, name="publish"),
    path("initiatives/<slug:slug>/send-back/", views.initiative_send_back, name="send_back"),
    path("initiatives/<slug:slug>/unpublish/", views.initiative_unpublish, name="unpublish"),
    path("agenda/", event_views.agenda, name="agenda"),
    path("agenda.ics", event_views.agenda_ics, name="agenda_ics"),
    path("events/new/", event_views.event_new, name="event_new"),
    path("events/<int:pk>/", event_views.event_detail, name="event"),
    path("events/<int:pk>/register/", event_views.register, name="register"),
    path("events/<int:pk>/unregister/", event_views.unregister, name="unregister"),
    path(
        "events/<int:pk>/registrations/",
        event_views.event_registrations,
        name="event_registrations",
    ),
    path("resources/", event_views.resources, name="resources"),
    path("resources/new/", event_views.resource_new, name="resource_new"),
    path("assessments/", assessment_views.assessments, name="assessments"),
    path("assessments/new/", assessment_views.assessment_new, name="assessment_new"),
    path("assessments/<int:pk>/", assessment_views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/edit/", assessment_views.assessment_edit, name="assessment_edit"),
]
