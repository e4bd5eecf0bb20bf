import json
import re

URL = "/map/"


def map_config(response) -> dict:
    match = re.search(
        rb'<script id="map-config" type="application/json">(.*?)</script>', response.content
    )
    assert match, "the map configuration is passed with json_script"
    return json.loads(match.group(1))


def test_it_renders_with_the_tile_server_of_the_settings(client, db, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example contributors"
    settings.MAP_CENTER = (45.0, 5.5)
    settings.MAP_ZOOM = 11
    response = client.get(URL)
    assert response.status_code == 200
    config = map_config(response)
    assert config["tileUrl"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["tileAttribution"] == "© Example contributors"
    assert config["center"] == [45.0, 5.5]
    assert config["zoom"] == 11
    assert config["communesUrl"] == "/api/v1/territory/communes.geojson"
    assert config["placesUrl"] == "/api/v1/territory/places.geojson"


def test_it_loads_leaflet_and_its_script_without_inline_code(client, db):
    html = client.get(URL).content.decode()
    assert "/static/leaflet/leaflet.js" in html
    assert "/static/leaflet/leaflet.css" in html
    assert "/static/territory/map.js" in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    inline = [attrs for attrs, body in scripts if body.strip() and "application/json" not in attrs]
    assert inline == []


def test_the_static_files_exist(client, db):
    for path in ["leaflet/leaflet.js", "leaflet/leaflet.css", "territory/map.js"]:
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path


def test_it_lists_the_places_in_a_table_for_keyboard_and_screen_reader_users(client, places):
    html = client.get(URL).content.decode()
    assert '<table class="places-table">' in html
    assert "<caption>" in html
    for place in places.values():
        assert place.name in html
    assert "38548" in html
    assert 'href="#places"' in html  # skip link past the map


def test_it_filters_the_table_and_the_map_by_departement(client, places):
    response = client.get(URL, {"departement": "38"})
    html = response.content.decode()
    assert places["villard"].name in html
    assert places["mairie"].name not in html
    assert map_config(response)["departement"] == "38"
    assert '<option value="38" selected>' in html


def test_it_ignores_an_unknown_departement(client, places):
    response = client.get(URL, {"departement": "<script>"})
    assert response.status_code == 200
    assert map_config(response)["departement"] == ""
    assert places["villard"].name in response.content.decode()


def test_it_says_when_there_are_no_places(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'class="places-table"' not in response.content.decode()


def test_it_rejects_post(client, db):
    assert client.post(URL).status_code == 405
