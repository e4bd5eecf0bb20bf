"""The JSON API at /api/v1/: one Ninja instance, one router per app."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from smartvillage.accounts.api_auth import AUTH

api = NinjaAPI(
    title="Smart Village API",
    version="1",
    description=(
        "Open data and integrations of Smart Village. Public read endpoints need no "
        "authentication; others take a session (the web UI) or a token "
        "(`Authorization: Bearer sv_…`, issued by `smartvillage issue_token`)."
    ),
    urls_namespace="api-1",
)
__all__ = ["AUTH", "api"]

api.add_router("/territory/", "smartvillage.territory.api.router")
api.add_router("/accounts/", "smartvillage.accounts.api.router")
api.add_router("/carsharing/", "smartvillage.carsharing.api.router")
api.add_router("/ondemand/", "smartvillage.ondemand.api.router")
api.add_router("/rideshare/", "smartvillage.rideshare.api.router")
api.add_router("/thirdplaces/", "smartvillage.thirdplaces.api.router")
api.add_router("/opendata/", "smartvillage.opendata.api.router")
api.add_router("/hub/", "smartvillage.hub.api.router")
api.add_router("/seasonal/", "smartvillage.seasonal.api.router")
api.add_router("/planner/", "smartvillage.planner.api.router")
api.add_router("/impact/", "smartvillage.impact.api.router")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """One 404 body for every endpoint, as documented by all of them: ``detail`` (the territory's
    ``NotFound``) and ``errors`` (the services' ``…ErrorsOut``). Found by schemathesis: Ninja's
    default body (``detail`` only) broke the services' documented 404 schema."""
    message = _("Not found.")
    return api.create_response(
        request, {"detail": message, "errors": {"__all__": [message]}}, status=404
    )
