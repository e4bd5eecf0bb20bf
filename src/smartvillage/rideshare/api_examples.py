"""Response examples of the public rideshare API in the OpenAPI document (demo data)."""

STOPS_GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [5.5436, 45.1747]},
            "properties": {
                "id": 9,
                "name": "Autrans – Office de tourisme",
                "commune": "Autrans-Méaudre en Vercors",
                "insee": "38225",
                "directions": ["Lans-en-Vercors"],
                "shelter": True,
                "wheelchair": True,
                "accessibility": "",
                "cards_url": "/rideshare/stops/9/cards/",
            },
        }  # fmt: skip
    ],
}
CARD = {"valid": True, "reason": "", "number": "VC-0042", "expires": "2027-06-30"}
STATISTICS = {
    "members": 6, "drivers": 4, "stops": 10, "active_trips": 5, "rides": 12,
    "hitchhiking_rides": 7, "km_shared": 184.5, "passenger_km": 221.0, "co2_avoided_kg": 48.2,
    "co2_factor_kg_per_km": 0.218,
    "co2_source": "ADEME, Impact CO2 (impactco2.fr), données Base Empreinte (2026-12-03), "
                  "voiture thermique (1 occupant)",
    "co2_factor_version": "ademe-impactco2-2026-12",
}  # fmt: skip
