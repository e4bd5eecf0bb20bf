"""Response examples of the public third-places API in the OpenAPI document (demo data)."""

HOURS = "Mo 08:30-18:30; Tu 08:30-18:30; We 08:30-18:30; Th 08:30-18:30; Fr 08:30-18:30"
PLACES = [
    {
        "slug": "uto-pic-lans",
        "name": "Coworking UTO-PIC de Lans-en-Vercors",
        "organisation": "UTO-PIC",
        "insee_code": "38205",
        "commune": "Lans-en-Vercors",
        "latitude": 45.1275,
        "longitude": 5.588,
        "services": ["coworking"],
        "opening_hours": HOURS,
        "wheelchair_accessible": True,
    }  # fmt: skip
]
PLACES_GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "uto-pic-lans",
            "geometry": {"type": "Point", "coordinates": [5.588, 45.1275]},
            "properties": {
                "id": "uto-pic-lans",
                "name": "Coworking UTO-PIC de Lans-en-Vercors",
                "organisation": "UTO-PIC",
                "insee_code": "38205",
                "commune": "Lans-en-Vercors",
                "address": "Centre village, 38250 Lans-en-Vercors",
                "services": ["coworking"],
                "opening_hours": HOURS,
                "wheelchair_accessible": True,
                "accessibility": "Accès de plain-pied, toilettes adaptées, parking à 50 m.",
                "email": "contact@uto-pic-lans.example.org",
                "phone": "",
                "website": "",
                "url": "/third-places/uto-pic-lans/",
            },
        }  # fmt: skip
    ],
}
AVAILABILITY = {
    "place": "uto-pic-lans", "date": "2026-12-03", "closed": None,
    "spaces": [
        {"id": 5, "name": "Open space", "kind": "desks", "capacity": 8, "price_hour": "0.00",
         "price_half_day": "8.00", "price_day": "14.00",
         "periods": [{"period": "morning", "start": "2026-12-03T08:30:00+01:00",
                      "end": "2026-12-03T13:00:00+01:00", "free": 4}]},
    ],
}  # fmt: skip
EVENTS = [
    {
        "id": 1,
        "place": "la-jolie-colo",
        "title": "Atelier découverte de l'impression 3D",
        "kind": "workshop",
        "start": "2026-12-06T14:00:00+01:00",
        "end": "2026-12-06T16:00:00+01:00",
        "capacity": 8,
        "places_left": 8,
        "status": "confirmed",
    }  # fmt: skip
]
