"""An address in the zone: the BAN geocoder (against a local stand-in server), the places-only
default, a point picked on the map, and the zone check with a clear field error."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import time_machine

from smartvillage.ondemand import geocoding
from smartvillage.ondemand.models import Booking

from .conftest import NOW

pytestmark = pytest.mark.django_db

BOOK = "/transport/tad-la-paz/book/"


def feature(label: str, lat: float, lon: float, citycode: str, city: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"label": label, "citycode": citycode, "city": city, "score": 0.9},
    }


@dataclass
class FakeBan:
    """Stand-in for api-adresse.data.gouv.fr/search/ answering GeoJSON."""

    url: str = ""
    features: list[dict[str, Any]] = field(default_factory=list)
    queries: list[dict[str, str]] = field(default_factory=list)
    status: int = 200
    raw: bytes | None = None


@pytest.fixture
def ban() -> Iterator[FakeBan]:
    fake = FakeBan()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            parts = urllib.parse.urlsplit(self.path)
            fake.queries.append(dict(urllib.parse.parse_qsl(parts.query)))
            body = (
                fake.raw
                or json.dumps({"type": "FeatureCollection", "features": fake.features}).encode()
            )
            self.send_response(fake.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/search/"
    yield fake
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


# --- The geocoders ---------------------------------------------------------------------------


def test_the_ban_geocoder_reads_the_geojson_answer(ban):
    ban.features = [feature("12 Rue du Lycée 26420 La Chapelle", 44.97, 5.41, "26074", "LC")]
    (address,) = geocoding.BanGeocoder(ban.url).search("12 rue du lycee", near=(44.9, 5.4))
    assert address.label == "12 Rue du Lycée 26420 La Chapelle"
    assert (address.latitude, address.longitude) == (44.97, 5.41)
    assert address.citycode == "26074"
    assert ban.queries[0]["q"] == "12 rue du lycee"
    assert ban.queries[0]["limit"] == "5"
    assert "lat" in ban.queries[0]


def test_the_ban_geocoder_says_when_it_is_unreachable():
    with pytest.raises(geocoding.GeocoderError):
        geocoding.BanGeocoder("http://127.0.0.1:9/search/", timeout=0.5).search("rue")


def test_the_ban_geocoder_rejects_an_unreadable_answer(ban):
    ban.raw = b"<html>maintenance</html>"
    with pytest.raises(geocoding.GeocoderError):
        geocoding.BanGeocoder(ban.url).search("rue")


def test_without_a_geocoder_only_the_territorys_places_match(settings, places):
    settings.GEOCODER_URL = ""
    finder = geocoding.geocoder()
    assert isinstance(finder, geocoding.PlacesGeocoder)
    labels = [a.label for a in finder.search("marché")]
    assert labels == ["Marché de La Chapelle, " + places["market"].commune.name]
    assert finder.search("12 rue inexistante") == []


def test_the_setting_chooses_the_ban_geocoder(settings):
    settings.GEOCODER_URL = "https://api-adresse.data.gouv.fr/search/"
    assert isinstance(geocoding.geocoder(), geocoding.BanGeocoder)


# --- Booking from an address ------------------------------------------------------------------


def _form(stops, **extra):
    return {
        "origin_stop": "",
        "destination_stop": stops["market"].pk,
        "date": "2026-03-04",
        "time_kind": "leave_at",
        "time": "10:00",
        "passengers": 1,
        "action": "preview",
        **extra,
    }


def test_a_resident_books_from_an_address_in_the_zone(
    client, member_user, settings, ban, stops, driver, commune
):
    settings.GEOCODER_URL = ban.url
    ban.features = [
        feature("Grenoble gare", 45.19, 5.71, "38185", "Grenoble"),  # outside: skipped
        feature("5 Route de Vassieux 26420", 44.96, 5.40, commune.insee_code, commune.name),
    ]
    client.force_login(member_user)
    preview = client.post(BOOK, _form(stops, origin_address="5 route de vassieux"))
    assert preview.context["quote"] is not None
    form = preview.context["form"]
    assert form.data["origin_address"] == "5 Route de Vassieux 26420"
    assert form.data["origin_lat"] == "44.96"
    confirm = dict(form.data.items(), action="confirm")
    client.post(BOOK, confirm)
    booking = Booking.objects.get()
    assert booking.origin_label == "5 Route de Vassieux 26420"
    assert (booking.origin_lat, booking.origin_lon) == (44.96, 5.40)
    assert booking.origin_stop is None
    assert len(ban.queries) == 1  # the confirmation books the point found, no second look-up


def test_an_address_outside_the_zone_gets_a_field_error(
    client, member_user, settings, ban, stops, driver
):
    settings.GEOCODER_URL = ban.url
    ban.features = [feature("Grenoble gare", 45.19, 5.71, "38185", "Grenoble")]
    client.force_login(member_user)
    page = client.post(BOOK, _form(stops, origin_address="gare de grenoble"))
    errors = page.context["form"].errors["origin_address"]
    assert "en dehors de la zone du service" in errors[0]
    assert "Vassieux-en-Vercors" in errors[0]
    assert not Booking.objects.exists()


def test_an_unreachable_geocoder_gets_a_clear_field_error(
    client, member_user, settings, stops, driver
):
    settings.GEOCODER_URL = "http://127.0.0.1:9/search/"
    client.force_login(member_user)
    page = client.post(BOOK, _form(stops, origin_address="5 route de vassieux"))
    assert "indisponible" in page.context["form"].errors["origin_address"][0]


def test_an_unknown_address_gets_a_field_error(client, member_user, settings, ban, stops):
    settings.GEOCODER_URL = ban.url
    client.force_login(member_user)
    page = client.post(BOOK, _form(stops, origin_address="nowhere"))
    assert "Aucune adresse trouvée" in page.context["form"].errors["origin_address"][0]


def test_an_address_edited_after_a_look_up_is_looked_up_again(
    client, member_user, settings, ban, stops, driver, commune
):
    settings.GEOCODER_URL = ban.url
    ban.features = [feature("Le Col 26420", 44.96, 5.40, commune.insee_code, commune.name)]
    client.force_login(member_user)
    client.post(
        BOOK,
        _form(stops, origin_address="autre chose", origin_found="Le Bourg",
              origin_lat="44.97", origin_lon="5.41"),
    )  # fmt: skip
    assert ban.queries
    assert ban.queries[0]["q"] == "autre chose"


# --- A point picked on the map ----------------------------------------------------------------


def test_a_point_picked_on_the_map_inside_the_zone_is_booked(
    client, member_user, stops, driver, commune
):
    client.force_login(member_user)
    data = _form(stops, origin_lat="44.9650", origin_lon="5.4050", action="confirm")
    response = client.post(BOOK, data)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.origin_label == f"Point sur la carte près de {commune.name}"
    assert booking.origin_lat == pytest.approx(44.965)


def test_a_point_picked_outside_the_zone_gets_a_field_error(client, member_user, stops, driver):
    client.force_login(member_user)
    page = client.post(BOOK, _form(stops, origin_lat="45.19", origin_lon="5.72"))
    assert "en dehors de la zone du service" in page.context["form"].errors["origin_address"][0]
    assert not Booking.objects.exists()


def test_a_polygon_zone_accepts_a_point_inside_it(client, member_user, service, stops, driver):
    service.communes.clear()
    service.zone_geojson = {
        "type": "Polygon",
        "coordinates": [
            [[5.30, 44.85], [5.50, 44.85], [5.50, 45.00], [5.30, 45.00], [5.30, 44.85]]
        ],
    }
    service.save()
    client.force_login(member_user)
    inside = client.post(BOOK, _form(stops, origin_lat="44.93", origin_lon="5.38"))
    assert inside.context["quote"] is not None
    outside = client.post(BOOK, _form(stops, origin_lat="45.10", origin_lon="5.38"))
    assert "origin_address" in outside.context["form"].errors


def test_the_page_works_without_javascript_and_carries_the_picker(client, member_user, stops):
    client.force_login(member_user)
    page = client.get(BOOK).content.decode()
    assert 'id="picker" class="card" hidden' in page  # shown by picker.js only
    assert 'name="origin_address"' in page
    assert 'name="origin_stop"' in page
    assert "picker-config" in page


def test_a_stop_wins_over_a_stale_map_point(client, member_user, stops, driver):
    client.force_login(member_user)
    data = _form(stops, origin_stop=stops["vassieux"].pk, origin_lat="45.19",
                 origin_lon="5.72", action="confirm")  # fmt: skip
    client.post(BOOK, data)
    assert Booking.objects.get().origin_stop == stops["vassieux"]
