URL = "/organisations/la-paz/"


def test_it_shows_members_and_management_to_admins(client, admin_user, member_user):
    client.force_login(admin_user)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "bob@example.org" in body
    assert "/organisations/la-paz/invite/" in body


def test_it_shows_members_but_no_management_to_operators(client, operator_user, member_user):
    client.force_login(operator_user)
    body = client.get(URL).content.decode()
    assert "bob@example.org" in body
    assert "/invite/" not in body
    assert "/remove/" not in body


def test_it_shows_public_info_only_to_plain_members(client, admin_user, member_user):
    client.force_login(member_user)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Centre social La Paz" in body
    assert "alice@example.org" not in body
    assert "/invite/" not in body


def test_it_hides_the_organisation_from_outsiders(client, outsider, organisation):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_it_returns_404_for_an_unknown_slug(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/organisations/nope/").status_code == 404


def test_it_requires_login(client, organisation):
    assert client.get(URL).status_code == 302


def test_it_refuses_post(client, admin_user):
    client.force_login(admin_user)
    assert client.post(URL).status_code == 405
