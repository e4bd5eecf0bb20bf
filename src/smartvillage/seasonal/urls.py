from django.urls import URLPattern, URLResolver, path

from smartvillage.seasonal import manage_views, views

app_name = "seasonal"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.jobs, name="jobs"),
    path("jobs.csv", views.jobs_csv, name="jobs_csv"),
    path("jobs.json", views.jobs_json, name="jobs_json"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/apply/", views.apply, name="apply"),
    path("contacts/", views.contacts, name="contacts"),
    path("housing/", views.housing, name="housing"),
    path("me/profile/", views.profile, name="profile"),
    path("me/seasons/", views.declare_season, name="declare_season"),
    path("me/applications/", views.applications, name="applications"),
    path("me/applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("me/applications/<int:pk>/respond/", views.respond, name="respond"),
    path("me/alerts/", views.searches, name="searches"),
    path("me/alerts/<int:pk>/delete/", views.search_delete, name="search_delete"),
    path("me/housing/", views.my_housing, name="my_housing"),
    path("me/housing/<int:pk>/close/", views.housing_request_close, name="housing_request_close"),
    path("me/checklist/", views.next_season, name="checklist"),
    path("manage/<slug:org>/", manage_views.manage, name="manage"),
    path("manage/<slug:org>/jobs/new/", manage_views.job_edit, name="job_new"),
    path("manage/<slug:org>/jobs/<int:pk>/", manage_views.job_candidates, name="manage_job"),
    path("manage/<slug:org>/jobs/<int:pk>/edit/", manage_views.job_edit, name="job_edit"),
    path("manage/<slug:org>/jobs/<int:pk>/close/", manage_views.job_close, name="job_close"),
    path("manage/<slug:org>/jobs/<int:pk>/rehire/", manage_views.rehire, name="rehire"),
    path("manage/<slug:org>/applications/<int:pk>/answer/", manage_views.answer, name="answer"),
    path(
        "manage/<slug:org>/applications/<int:pk>/record-season/",
        manage_views.record_season,
        name="record_season",
    ),
    path("manage/<slug:org>/workers/<int:user_id>/", manage_views.worker, name="worker"),
    path(
        "manage/<slug:org>/seasons/<int:pk>/confirm/",
        manage_views.confirm_season,
        name="confirm_season",
    ),
    path("manage/<slug:org>/housing/", manage_views.manage_housing, name="manage_housing"),
    path(
        "manage/<slug:org>/housing/<int:pk>/close/",
        manage_views.housing_close,
        name="housing_close",
    ),
]
