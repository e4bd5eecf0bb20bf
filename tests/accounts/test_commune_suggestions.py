from smartvillage.territory.models import Commune

URL = "/me/communes/"


def test_it_suggests_communes_by_name_without_accents(client, member_user, commune):
    Commune.objects.create(
        insee_code="38548", name="Villard-de-Lans", departement="38", latitude=45, longitude=5
    )
    client.force_login(member_user)
    response = client.get(URL, {"q": "chapelle en"})
    assert response.json() == {"communes": ["La Chapelle-en-Vercors (26074)"]}


def test_it_suggests_communes_by_insee_code(client, member_user, commune):
    client.force_login(member_user)
    assert client.get(URL, {"q": "260"}).json()["communes"] == ["La Chapelle-en-Vercors (26074)"]


def test_it_needs_two_characters(client, member_user, commune):
    client.force_login(member_user)
    assert client.get(URL, {"q": "l"}).json() == {"communes": []}


def test_it_requires_login(client, commune):
    assert client.get(URL, {"q": "la"}).status_code == 302
