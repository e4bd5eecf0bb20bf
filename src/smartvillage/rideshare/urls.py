from django.urls import URLPattern, URLResolver

app_name = "rideshare"
urlpatterns: list[URLPattern | URLResolver] = []
