"""Response examples of the public territory API in the OpenAPI document (demo territory)."""

COMMUNE = {
    "insee_code": "26074", "name": "La Chapelle-en-Vercors", "departement": "26",
    "population": 797, "latitude": 44.972364, "longitude": 5.412359,
    "postal_codes": ["26420"], "altitude_m": 945,
}  # fmt: skip
COMMUNES = {"items": [COMMUNE], "count": 1}
COMMUNES_GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "26074",
            "geometry": {"type": "Point", "coordinates": [5.412359, 44.972364]},
            "properties": {
                "insee_code": "26074",
                "name": "La Chapelle-en-Vercors",
                "departement": "26",
                "population": 797,
                "postal_codes": ["26420"],
            },
        }  # fmt: skip
    ],
}
PLACE = {
    "id": 27, "name": "Autrans – Office de tourisme", "slug": "pouce-autrans", "kind": "stop",
    "kind_label": "Arrêt", "latitude": 45.1747, "longitude": 5.5436, "commune": "38225",
    "commune_name": "Autrans-Méaudre en Vercors", "address": "", "description": "",
}  # fmt: skip
PLACES = {"items": [PLACE], "count": 1}
PLACES_GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": 27,
            "geometry": {"type": "Point", "coordinates": [5.5436, 45.1747]},
            "properties": {
                "id": 27,
                "name": "Autrans – Office de tourisme",
                "slug": "pouce-autrans",
                "kind": "stop",
                "kind_label": "Arrêt",
                "insee_code": "38225",
                "commune_name": "Autrans-Méaudre en Vercors",
                "address": "",
            },
        }  # fmt: skip
    ],
}
SERVICE_AREA = {
    "name": "Communauté de communes du Massif du Vercors", "slug": "cc-massif-du-vercors",
    "description": "Intercommunalité de l'Isère (siège : Villard-de-Lans).",
    "communes": ["38129", "38205", "38225", "38548"],
}  # fmt: skip
SERVICE_AREAS = {"items": [SERVICE_AREA], "count": 1}
