"""The actors directory pages: listing, filters, exports, one's own entry only."""

import csv
import io
import json

from smartvillage.hub.models import Actor, Theme


def test_the_directory_lists_only_consenting_actors(client, actor, resident):
    Actor.objects.create(kind="person", name="Discrète", slug="discrete", consent_listed=False)
    page = client.get("/hub/actors/")
    assert page.status_code == 200
    assert "Activ&#x27;Royans" in page.content.decode()
    assert "Discrète" not in page.content.decode()
    assert client.get("/hub/actors/discrete/").status_code == 404


def test_filters_narrow_the_list(client, actor):
    theme = Theme.objects.create(slug="energie", name="Énergie", dimension="environment")
    assert list(client.get("/hub/actors/", {"role": "help"}).context["actors"]) == [actor]
    assert list(client.get("/hub/actors/", {"role": "funder"}).context["actors"]) == []
    assert list(client.get("/hub/actors/", {"theme": theme.slug}).context["actors"]) == []
    assert list(client.get("/hub/actors/", {"commune": "26074"}).context["actors"]) == [actor]
    assert list(client.get("/hub/actors/", {"q": "royans"}).context["actors"]) == [actor]


def test_exports_show_only_the_chosen_contact_channels(client, actor):
    rows = list(csv.DictReader(io.StringIO(client.get("/hub/actors.csv").content.decode())))
    assert rows[0]["name"] == "Activ'Royans"
    assert rows[0]["insee_codes"] == "26074"
    assert rows[0]["email"] == "contact@activ.example"
    assert rows[0]["phone"] == ""  # not chosen: stays private
    geo = json.loads(client.get("/hub/actors.geojson").content)
    assert geo["features"][0]["geometry"]["coordinates"] == [5.41, 44.97]


def test_an_actor_edits_its_own_entry_and_nobody_else_does(client, actor, author, resident):
    client.force_login(resident)
    assert client.get(f"/hub/actors/{actor.slug}/edit/").status_code == 404
    client.force_login(author)
    response = client.post(
        f"/hub/actors/{actor.slug}/edit/",
        {"kind": "organisation", "name": "Activ'Royans", "organisation": actor.organisation_id,
         "roles": ["holder"], "contact_by": ["phone"], "commune_codes": "26074",
         "consent_listed": "on", "phone": "0475000000"},
    )  # fmt: skip
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.public_contact() == {"phone": "0475000000"}


def test_a_new_entry_with_an_unknown_commune_is_refused_and_nothing_saved(client, resident):
    client.force_login(resident)
    response = client.post(
        "/hub/actors/new/",
        {"kind": "person", "name": "Jo", "commune_codes": "99999 abc", "consent_listed": "on"},
    )
    assert response.status_code == 200
    assert "commune_codes" in response.context["form"].errors
    assert not Actor.objects.exists()


def test_a_person_adds_a_listed_entry(client, resident, commune):
    client.force_login(resident)
    response = client.post(
        "/hub/actors/new/",
        {"kind": "person", "name": "Jo Martin", "commune_codes": "26074", "consent_listed": "on",
         "helps_on": ["mobility", "people"], "email": "jo@example.org", "contact_by": ["email"]},
    )  # fmt: skip
    assert response.status_code == 302
    entry = Actor.objects.get()
    assert (entry.owner, entry.helps_on, entry.slug) == (resident, "mobility people", "jo-martin")
    assert list(entry.communes.all()) == [commune]
    assert entry.consented_at is not None


def test_an_organisation_entry_needs_an_organisation_the_person_runs(client, resident, association):
    client.force_login(resident)  # not staff of the association
    response = client.post(
        "/hub/actors/new/",
        {"kind": "organisation", "name": "X", "organisation": association.pk},
    )
    assert "organisation" in response.context["form"].errors
    assert not Actor.objects.exists()


def test_the_home_page_has_a_card_for_the_hub(client, db):
    html = client.get("/").content.decode()
    card = html.split('id="service-hub"', 1)[1].split("</li>", 1)[0]
    assert '<a href="/hub/">Pôle territoire</a>' in card


def test_the_directory_and_the_sheets_list_do_not_grow_queries_with_rows(
    client, commune, author, django_assert_max_num_queries
):
    from smartvillage.hub.models import Initiative, Status

    def add(n):
        for i in range(n):
            a = Actor.objects.create(kind="person", name=f"A{n}{i}", slug=f"a{n}-{i}",
                                     consent_listed=True, roles="help")  # fmt: skip
            a.communes.add(commune)
            Initiative.objects.create(title=f"S{n}{i}", slug=f"s{n}-{i}", summary="s",
                                      solution_type="service", status=Status.PUBLISHED,
                                      author=author)  # fmt: skip

    add(2)
    with django_assert_max_num_queries(12):
        client.get("/hub/actors/")
    with django_assert_max_num_queries(12):
        client.get("/hub/initiatives/")
    add(20)
    with django_assert_max_num_queries(12):
        client.get("/hub/actors/")
    with django_assert_max_num_queries(12):
        client.get("/hub/initiatives/")
