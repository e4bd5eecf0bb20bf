from django.urls import URLPattern, URLResolver

app_name = "thirdplaces"
urlpatterns: list[URLPattern | URLResolver] = []
