from django.urls import path

from smartvillage.planner import views

app_name = "planner"
urlpatterns = [
    path("", views.journey, name="journey"),
    path("operator/", views.operator, name="operator"),
]
