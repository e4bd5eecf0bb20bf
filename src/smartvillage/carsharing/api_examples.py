"""Response examples of the public car-sharing API in the OpenAPI document (demo data)."""

VEHICLES = [
    {
        "id": 1,
        "name": "Zoé de La Chapelle",
        "make": "Renault",
        "model": "Zoé",
        "seats": 5,
        "propulsion": "electric",
        "charge_percent": 45,
        "current_range_km": 135,
        "station": {
            "id": 1,
            "name": "Mairie de La Chapelle-en-Vercors",
            "latitude": 44.97,
            "longitude": 5.415,
            "commune": "26074",
        },
        "organisation": "vercors-soleil",
        "available": True,
        "reason": "",
        "estimated_price": "6.00",
    }  # fmt: skip
]
