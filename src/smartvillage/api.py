"""The JSON API at /api/v1/: one Ninja instance, one router per app."""

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
