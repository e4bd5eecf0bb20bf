from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from smartvillage.api import api
from smartvillage.core import views as core_views
from smartvillage.core.ratelimit import rate_limited

# Too many requests (booking limits, and allauth's login/sign-up/reset limits): a translated page.
handler429 = rate_limited
# The admin's own login form has no rate limit: it sends people to allauth's login (limited,
# verified addresses only); a signed-in person who is not platform staff is refused there.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("api/v1/", api.urls),
]
# Pages are served without a language prefix: the language comes from the session/cookie or the
# browser (LocaleMiddleware), which keeps URLs stable for people who share links by SMS.
urlpatterns += [
    path("", include("smartvillage.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("smartvillage.accounts.urls")),
    path("", include("smartvillage.territory.urls")),
    path("carsharing/", include("smartvillage.carsharing.urls")),
    path("transport/", include("smartvillage.ondemand.urls")),
    path("rideshare/", include("smartvillage.rideshare.urls")),
    path("third-places/", include("smartvillage.thirdplaces.urls")),
    path("hub/", include("smartvillage.hub.urls")),
    path("seasonal/", include("smartvillage.seasonal.urls")),
    path("journey/", include("smartvillage.planner.urls")),
    path("impact/", include("smartvillage.impact.urls")),
    path("gbfs/v3/", include("smartvillage.carsharing.gbfs_urls")),
    path("open-data/", include("smartvillage.opendata.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
