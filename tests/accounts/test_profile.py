import pytest

from smartvillage.territory.models import Commune

URL = "/me/"


def _data(**extra):
    data = {
        "first_name": "Bob",
        "last_name": "Member",
        "phone": "06 12 34 56 78",
        "commune": "",
        "language": "fr",
        "accessibility_needs": "",
    }
    data.update(extra)
    return data


def test_it_redirects_anonymous_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_the_profile(client, member_user):
    client.force_login(member_user)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Bob"' in body
    assert "/me/data.json" in body
    assert "/me/delete/" in body
    assert "/accounts/password/change/" in body


def test_it_saves_the_profile(client, member_user, commune):
    client.force_login(member_user)
    response = client.post(
        URL,
        _data(
            first_name="Robert",
            commune="La Chapelle-en-Vercors (26074)",
            accessibility_needs="Fauteuil roulant",
        ),
    )
    assert response.status_code == 302
    member_user.refresh_from_db()
    assert member_user.first_name == "Robert"
    assert member_user.phone == "06 12 34 56 78"
    assert member_user.commune == commune
    assert member_user.accessibility_needs == "Fauteuil roulant"


@pytest.mark.parametrize("text", ["26074", "la chapelle-en-vercors", "LA CHAPELLE EN VERCORS"])
def test_it_resolves_a_commune_by_code_or_name(client, member_user, commune, text):
    client.force_login(member_user)
    client.post(URL, _data(commune=text))
    member_user.refresh_from_db()
    assert member_user.commune == commune


def test_it_shows_the_commune_as_a_label(client, member_user, commune):
    member_user.commune = commune
    member_user.save(update_fields=["commune"])
    client.force_login(member_user)
    assert 'value="La Chapelle-en-Vercors (26074)"' in client.get(URL).content.decode()


def test_it_rejects_an_unknown_commune(client, member_user, commune):
    client.force_login(member_user)
    response = client.post(URL, _data(commune="Atlantis"))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    member_user.refresh_from_db()
    assert member_user.commune is None


def test_it_asks_to_choose_between_communes_of_the_same_name(client, member_user, commune):
    Commune.objects.create(
        insee_code="38999",
        name="La Chapelle-en-Vercors",
        departement="38",
        latitude=45,
        longitude=5,
    )
    client.force_login(member_user)
    response = client.post(URL, _data(commune="La Chapelle-en-Vercors"))
    assert response.status_code == 200
    member_user.refresh_from_db()
    assert member_user.commune is None


def test_it_rejects_a_malformed_phone(client, member_user):
    client.force_login(member_user)
    response = client.post(URL, _data(phone="call me maybe"))
    assert response.status_code == 200
    member_user.refresh_from_db()
    assert member_user.phone == ""


def test_it_rejects_an_unknown_language(client, member_user):
    client.force_login(member_user)
    response = client.post(URL, _data(language="xx"))
    assert response.status_code == 200
    member_user.refresh_from_db()
    assert member_user.language == "fr"


def test_it_switches_the_ui_language(client, member_user):
    client.force_login(member_user)
    response = client.post(URL, _data(language="en"))
    assert response.cookies["django_language"].value == "en"
    member_user.refresh_from_db()
    assert member_user.language == "en"
    assert "My profile" in client.get(URL).content.decode()


def test_it_confirms_a_language_change_in_the_new_language(client, member_user):
    client.force_login(member_user)
    response = client.post(URL, _data(language="en"), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Your profile is saved."]


def test_it_does_not_set_the_cookie_when_the_language_is_unchanged(client, member_user):
    client.force_login(member_user)
    response = client.post(URL, _data(first_name="Roberto"))
    assert "django_language" not in response.cookies


def test_it_refuses_other_methods(client, member_user):
    client.force_login(member_user)
    assert client.delete(URL).status_code == 405
