from django.urls import URLPattern, URLResolver

app_name = "ondemand"
urlpatterns: list[URLPattern | URLResolver] = []
