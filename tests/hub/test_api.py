"""The hub's public read API (/api/v1/hub/)."""

from smartvillage.core import figures
from smartvillage.hub import services
from smartvillage.hub.models import Assessment

from .test_live_figures import FakeFleet


def _publish(sheet, author, moderator):
    services.submit(sheet, author)
    return services.publish(sheet, moderator)


def test_actors_are_listed_with_only_their_chosen_contacts(client, actor):
    rows = client.get("/api/v1/hub/actors").json()["items"]
    assert rows == [
        {"slug": "activ-royans", "name": "Activ'Royans", "kind": "organisation",
         "roles": ["holder", "help"], "helps_on": ["mobility"], "insee_codes": ["26074"],
         "email": "contact@activ.example", "phone": "", "website": ""},
    ]  # fmt: skip
    assert client.get("/api/v1/hub/actors", {"role": "funder"}).json()["count"] == 0


def test_only_published_sheets_are_served(client, draft, author, moderator):
    assert client.get("/api/v1/hub/initiatives").json()["count"] == 0
    assert client.get(f"/api/v1/hub/initiatives/{draft.slug}").status_code == 404
    draft.service_key = "fake.fleet:vercors"
    draft.figures = "Membres: 40"
    draft.save()
    _publish(draft, author, moderator)
    with figures.registry.only(fake__fleet=FakeFleet()):
        body = client.get(f"/api/v1/hub/initiatives/{draft.slug}").json()
    assert body["insee_codes"] == ["26074"]
    assert body["actors"] == []
    assert body["figures"] == [{"label": "Membres", "value": "40", "unit": ""}]
    assert body["service"] == "Autopartage du Vercors"
    assert body["live_figures"][1] == {"label": "Trajets (30 jours)", "value": 41, "unit": ""}


def test_assessments_and_search(client, park, commune, draft, author, moderator):
    Assessment.objects.create(commune=commune, organisation=park, scores={"mobility": 40})
    assert client.get("/api/v1/hub/assessments").json()["count"] == 0  # not completed
    Assessment.objects.update(completed=True)
    assert client.get("/api/v1/hub/assessments").json()["items"][0]["insee_code"] == "26074"
    _publish(draft, author, moderator)
    hits = client.get("/api/v1/hub/search", {"q": "autostop"}).json()
    assert hits == [
        {"kind": "initiative", "title": draft.title, "url": f"/hub/initiatives/{draft.slug}/"}
    ]
    assert client.get("/api/v1/hub/search", {"q": "a\x00b"}).status_code == 200
    assert client.get("/api/v1/hub/search").status_code == 422


def test_bad_pagination_is_a_422(client):
    assert client.get("/api/v1/hub/actors", {"limit": "100000"}).status_code == 422
    assert client.get("/api/v1/hub/actors", {"offset": "9" * 20}).status_code == 422


def test_the_hub_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/hub/initiatives/{slug}" in paths


def test_filters_with_control_characters_are_a_422_not_a_500(client, db):
    assert client.get("/api/v1/hub/actors", {"role": "a\x00"}).status_code == 422
    assert client.get("/api/v1/hub/initiatives", {"dimension": "x\x00"}).status_code == 422
    assert client.get("/api/v1/hub/initiatives", {"q": "x\x00y"}).status_code == 200
