"""A published sheet shows the live figures of the service that runs it (core/figures.py)."""

from smartvillage.core import figures
from smartvillage.hub import services


class FakeFleet:
    prefix = "fake.fleet"

    def services(self):
        return [figures.Service("fake.fleet:vercors", "Autopartage du Vercors", "/carsharing/")]

    def figures(self, key):
        if key != "fake.fleet:vercors":
            return None
        return [figures.Figure("Voitures", 3), figures.Figure("Trajets (30 jours)", 41)]


def test_the_sheet_shows_the_services_live_figures(client, draft, author, moderator):
    draft.service_key = "fake.fleet:vercors"
    draft.save()
    services.submit(draft, author)
    services.publish(draft, moderator)
    with figures.registry.only(fake__fleet=FakeFleet()):
        body = client.get(f"/hub/initiatives/{draft.slug}/").content.decode()
    assert "Autopartage du Vercors" in body
    assert '<th scope="row">Trajets (30 jours)</th><td>41</td>' in body


def test_a_gone_service_shows_no_figures(client, draft, author, moderator):
    draft.service_key = "fake.fleet:gone"
    draft.save()
    services.submit(draft, author)
    services.publish(draft, moderator)
    with figures.registry.only(fake__fleet=FakeFleet()):
        page = client.get(f"/hub/initiatives/{draft.slug}/")
    assert page.status_code == 200
    assert page.context["live"] is None


def test_the_author_picks_the_service_among_the_providers(client, author, commune):
    client.force_login(author)
    with figures.registry.only(fake__fleet=FakeFleet()):
        client.post(
            "/hub/initiatives/new/",
            {"title": "Autopartage", "summary": "s", "solution_type": "service",
             "stage": "running", "service_key": "fake.fleet:vercors"},
        )  # fmt: skip
        refused = client.post(
            "/hub/initiatives/new/",
            {"title": "X", "summary": "s", "solution_type": "service", "stage": "running",
             "service_key": "fake.fleet:unknown"},
        )  # fmt: skip
    from smartvillage.hub.models import Initiative

    assert Initiative.objects.get().service_key == "fake.fleet:vercors"
    assert "service_key" in refused.context["form"].errors
