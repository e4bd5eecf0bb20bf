"""The shared layout (base.html) as rendered on the home page: landmarks, menus, language switch."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from smartvillage.core.views import home


class Page(HTMLParser):
    """Start tags with their attributes, the forms with their fields, and the link texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.forms: list[dict] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._form: dict | None = None
        self._href: str | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "form":
            self._form = {"attrs": attributes, "fields": []}
            self.forms.append(self._form)
        elif tag in {"input", "button"} and self._form is not None:
            self._form["fields"].append(attributes)
        elif tag == "a":
            self._href, self._text = attributes.get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None

    @property
    def hrefs(self) -> set[str]:
        return {href for href, _ in self.links}

    def form(self, action: str) -> dict:
        [form] = [form for form in self.forms if form["attrs"].get("action") == action]
        return form

    def first(self, tag: str) -> dict[str, str | None]:
        return next(attrs for name, attrs in self.tags if name == tag)


def page(client, path: str = "/") -> Page:
    response = client.get(path)
    assert response.status_code == 200
    return Page(response.content.decode())


def test_the_skip_link_is_the_first_link_and_targets_main(client, db):
    home = page(client)
    assert home.first("a") == {"class": "skip-link", "href": "#main"}
    assert home.links[0] == ("#main", "Aller au contenu principal")
    assert home.first("main") == {"id": "main", "tabindex": "-1"}


def test_it_has_header_navigation_main_and_footer_landmarks(client, db):
    names = [name for name, _ in page(client).tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in names
    navs = [attrs.get("aria-label") for name, attrs in page(client).tags if name == "nav"]
    assert navs == ["Services", "Votre compte"]  # several navs: each one is named


def test_the_language_switch_is_a_post_form_with_csrf_and_next(client, db):
    form = page(client, "/?from=sms").form(reverse("set_language"))
    assert form["attrs"]["method"] == "post"
    fields = {field.get("name"): field for field in form["fields"] if field.get("type") == "hidden"}
    assert "csrfmiddlewaretoken" in fields
    assert fields["next"]["value"] == "/?from=sms"
    buttons = [field for field in form["fields"] if field.get("name") == "language"]
    assert [(b["value"], b["type"]) for b in buttons] == [("fr", "submit"), ("en", "submit")]


def test_the_language_switch_marks_the_current_language(client, db):
    buttons = [a for tag, a in page(client).tags if tag == "button" and a.get("name") == "language"]
    assert [(b["value"], b.get("aria-current")) for b in buttons] == [("fr", "true"), ("en", None)]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    buttons = [a for tag, a in page(client).tags if tag == "button" and a.get("name") == "language"]
    assert [(b["value"], b.get("aria-current")) for b in buttons] == [("fr", None), ("en", "true")]


def test_choosing_a_language_sets_a_cookie_and_returns_to_the_page(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/?from=sms"})
    assert response.status_code == 302
    assert response["Location"] == "/?from=sms"
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_the_services_menu_links_every_service(client, db):
    home = page(client)
    assert ("/", "Accueil") in home.links
    assert ("/map/", "Carte") in home.links
    assert ("/transport/", "Transport à la demande") in home.links
    assert ("/carsharing/", "Autopartage") in home.links
    assert ("/rideshare/", "Covoiturage & autostop") in home.links
    assert ("/third-places/", "Tiers-lieux") in home.links
    assert ("/seasonal/", "Emploi saisonnier") in home.links
    assert ("/hub/", "Pôle territoire") in home.links
    assert not [href for href, _ in home.links if href.startswith("/#service-")]


def test_the_current_page_is_marked_in_the_menu(client, db):
    home = page(client)
    assert ("a", {"href": "/", "aria-current": "page"}) in home.tags


def test_an_anonymous_visitor_is_offered_to_log_in_or_sign_up(client, db):
    home = page(client)
    assert (reverse("account_login"), "Se connecter") in home.links
    assert (reverse("account_signup"), "Créer un compte") in home.links
    assert "/me/" not in home.hrefs
    assert not [f for f in home.forms if f["attrs"].get("action") == reverse("account_logout")]


def test_a_logged_in_user_sees_their_name_and_account_links(client, member_user):
    client.force_login(member_user)
    home = page(client)
    html = client.get("/").content.decode()
    assert "<span>Bob</span>" in html
    assert ("/me/", "Mon profil") in home.links
    assert ("/organisations/", "Mes organisations") in home.links
    assert reverse("account_login") not in home.hrefs
    assert reverse("admin:index") not in home.hrefs


def test_a_user_without_a_first_name_sees_their_email(client, make_user):
    client.force_login(make_user("dora@example.org"))
    assert "<span>dora@example.org</span>" in client.get("/").content.decode()


def test_staff_see_the_administration_link(client, member_user):
    member_user.is_staff = True
    member_user.save(update_fields=["is_staff"])
    client.force_login(member_user)
    assert (reverse("admin:index"), "Administration") in page(client).links


def test_logout_is_a_post_form_with_csrf(client, member_user):
    client.force_login(member_user)
    home = page(client)
    form = home.form(reverse("account_logout"))
    assert form["attrs"]["method"] == "post"
    assert any(field.get("name") == "csrfmiddlewaretoken" for field in form["fields"])
    assert any(field.get("type") == "submit" for field in form["fields"])
    assert reverse("account_logout") not in home.hrefs  # never a GET link


def test_the_logout_form_logs_out_and_says_so(client, member_user):
    client.force_login(member_user)
    response = client.post(reverse("account_logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert not response.wsgi_request.user.is_authenticated
    html = response.content.decode()
    assert '<ul class="messages">' in html
    assert "Vous êtes déconnecté" in html


@pytest.mark.parametrize(
    ("level", "word"),
    [
        (messages.ERROR, "Erreur\u00a0:"),
        (messages.WARNING, "Attention\u00a0:"),
        (messages.SUCCESS, "Succès\u00a0:"),
        (messages.INFO, "Information\u00a0:"),
    ],
)
def test_messages_say_their_level_in_words_not_only_in_colour(rf, db, level, word):
    request = rf.get("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    messages.add_message(request, level, "Réservation enregistrée.")
    html = home(request).content.decode()
    item = html.split('<ul class="messages">', 1)[1].split("</li>", 1)[0]
    assert word in item
    assert "Réservation enregistrée." in item


def test_the_footer_links_the_licence_and_the_api_documentation(client, db):
    home = page(client)
    assert ("https://www.apache.org/licenses/LICENSE-2.0", "Apache 2.0") in home.links
    assert ("/api/v1/docs", "Données ouvertes et documentation de l’API") in home.links
