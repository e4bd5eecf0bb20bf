"""Mounted at /gbfs/v3/ by the project's urls.py."""

from django.urls import path

from smartvillage.carsharing import gbfs_views

app_name = "gbfs"
urlpatterns = [
    path("manifest.json", gbfs_views.manifest, name="manifest"),
    path("<str:name>.json", gbfs_views.feed, name="feed"),
    path("<slug:org>/<str:name>.json", gbfs_views.feed, name="org_feed"),
]
