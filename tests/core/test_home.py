"""The home page: the territory, its services, the map link and the hint for operators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smartvillage.accounts.models import Membership


@pytest.fixture
def english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def test_it_renders_in_french_by_default(client, db):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Transport à la demande" in html
    assert "Se déplacer, travailler et se retrouver dans le Vercors" in html


def test_it_renders_in_english_after_choosing_english(english, db):
    html = english.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "On-demand transport" in html
    assert "Transport à la demande" not in html


def test_it_follows_the_browser_language_until_a_choice_is_made(client, db):
    html = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"}).content.decode()
    assert '<html lang="en">' in html
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    html = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"}).content.decode()
    assert '<html lang="fr">' in html


def test_it_presents_the_territory(client, db):
    html = client.get("/").content.decode()
    assert "<h1" in html
    assert "Vercors" in html
    assert "sans voiture" in html


@pytest.mark.parametrize(
    ("anchor", "href", "name"),
    [
        ("service-ondemand", "/transport/", "Transport à la demande"),
        ("service-carsharing", "/carsharing/", "Autopartage"),
        ("service-rideshare", "/rideshare/", "Covoiturage & autostop"),
        ("service-thirdplaces", "/third-places/", "Tiers-lieux"),
        ("service-seasonal", "/seasonal/", "Emploi saisonnier"),
    ],
)
def test_it_links_the_services_that_exist(client, db, anchor, href, name):
    html = client.get("/").content.decode()
    card = html.split(f'id="{anchor}"', 1)[1].split("</li>", 1)[0]
    assert f'<a href="{href}">{name}</a>' in card
    assert "badge soon" not in card
    assert client.get(href).status_code in {200, 302}  # the page exists (302: log in first)


def test_it_links_to_the_map(client, db):
    html = client.get("/").content.decode()
    map_card = html.split('id="service-map"', 1)[1].split("</li>", 1)[0]
    assert '<a href="/map/">Carte</a>' in map_card
    assert '<a class="button" href="/map/">Voir la carte</a>' in html


def test_it_does_not_load_leaflet(client, db):
    assert "leaflet" not in client.get("/").content.decode().lower()


def test_it_invites_anonymous_visitors_to_create_an_account(client, db):
    html = client.get("/").content.decode()
    assert html.count(f'href="{reverse("account_signup")}"') >= 2  # header and page
    assert "Une mairie, une association, une coopérative, un employeur\u00a0?" in html


def test_it_tells_an_organisation_admin_what_they_can_do(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/").content.decode()
    assert "Vous gérez un service" in html
    assert "<strong>Centre social La Paz</strong>" in html
    assert "invit" in html  # what they can do: invite members and drivers
    assert 'class="button" href="/organisations/"' in html


def test_it_tells_an_operator_what_they_can_do(client, member_user, organisation):
    Membership.objects.filter(user=member_user).update(role=Membership.Role.OPERATOR)
    client.force_login(member_user)
    assert "Vous gérez un service" in client.get("/").content.decode()


def test_it_shows_no_operator_hint_to_a_plain_member(client, member_user):
    client.force_login(member_user)
    html = client.get("/").content.decode()
    assert "Vous gérez un service" not in html
    assert "Centre social La Paz" not in html


def test_it_shows_no_operator_hint_to_an_outsider(client, outsider):
    client.force_login(outsider)
    assert "Vous gérez un service" not in client.get("/").content.decode()


def test_it_rejects_post(client, db):
    assert client.post("/").status_code == 405


def test_switching_language_saves_a_logged_in_persons_choice(client, member_user):
    client.force_login(member_user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    member_user.refresh_from_db()
    assert member_user.language == "en"


def test_switching_to_an_unknown_language_changes_nothing(client, member_user):
    client.force_login(member_user)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    member_user.refresh_from_db()
    assert member_user.language == "fr"


def test_the_footer_shows_the_contact_address_when_set(client, db, settings):
    settings.CONTACT_EMAIL = "contact@vercors.example.org"
    assert "contact@vercors.example.org" in client.get("/").content.decode()
