from smartvillage.accounts.models import Organisation

URL = "/organisations/"


def test_it_lists_my_organisations_only(client, member_user, organisation):
    Organisation.objects.create(name="Coopérative Autopartage", slug="coop", kind="cooperative")
    client.force_login(member_user)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Centre social La Paz" in body
    assert "/organisations/la-paz/" in body
    assert "Coopérative Autopartage" not in body


def test_it_requires_login(client, db):
    assert client.get(URL).status_code == 302


def test_it_refuses_post(client, member_user):
    client.force_login(member_user)
    assert client.post(URL).status_code == 405
