from django.urls import path

from smartvillage.territory import views

app_name = "territory"
urlpatterns = [
    path("map/", views.map_page, name="map"),
]
