from django.urls import path

from smartvillage.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("catalog", views.catalog, name="catalog"),
    path("datasets/<slug:identifier>/", views.dataset, name="dataset"),
    path("datasets/<slug:identifier>/schema-<int:index>.json", views.schema, name="schema"),
    path("schemas/<str:name>.json", views.export_schema, name="export_schema"),
]
