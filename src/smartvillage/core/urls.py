from django.urls import path

from smartvillage.core import views

urlpatterns = [
    path("", views.home, name="home"),
]
