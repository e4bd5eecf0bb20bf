import pytest

from smartvillage.territory.models import BBox, Commune, Place, search_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Saint-Agnan-en-Vercors", "saint agnan en vercors"),
        ("CORRENÇON", "correncon"),
        ("Autrans-Méaudre en Vercors", "autrans meaudre en vercors"),
        ("Monestier-d'Ambel", "monestier d ambel"),
        ("L’Œuvre", "l oeuvre"),
        ("  Villard -- de  Lans ", "villard de lans"),
    ],
)
def test_search_key_ignores_case_accents_and_separators(text, key):
    assert search_key(text) == key


def test_saving_a_commune_sets_its_search_name(commune):
    commune.name = "Vassieux-en-Vercors"
    commune.save(update_fields=["name"])
    commune.refresh_from_db()
    assert commune.search_name == "vassieux en vercors"


def test_search_ignores_case_and_accents(vercors):
    assert [c.insee_code for c in Commune.objects.search("CORRENCON")] == ["38129"]
    assert [c.insee_code for c in Commune.objects.search("saint agnan")] == ["26290"]


def test_search_lists_prefix_matches_first(vercors):
    Commune.objects.create(
        insee_code="26999", name="Avillard", departement="26", latitude=45, longitude=5
    )
    # "Avillard" sorts first by name, but "Villard-de-Lans" starts with the query.
    assert [c.name for c in Commune.objects.search("villard")] == ["Villard-de-Lans", "Avillard"]


def test_search_with_blank_query_returns_everything(vercors):
    assert Commune.objects.search(" - ").count() == 4


def test_places_in_area_are_those_of_its_communes(places, area):
    assert set(Place.objects.in_area(area)) == {places["mairie"], places["stop"]}


def test_places_in_bbox(places):
    box = BBox.parse("5.5,45,5.6,45.1")
    assert list(Place.objects.in_bbox(box)) == [places["villard"]]


@pytest.mark.parametrize(
    "text",
    ["1,2,3", "a,b,c,d", "5,45,4,46", "5,46,6,45", "-181,0,0,0", "0,-91,0,0", "nan,0,1,1", ""],
)
def test_bbox_rejects_malformed_input(text):
    with pytest.raises(ValueError, match="bbox"):
        BBox.parse(text)


def test_area_covers_its_communes(area, vercors):
    assert area.covers(vercors["26074"])
    assert not area.covers(vercors["38548"])
