"""Response example of the journey planner API in the OpenAPI document (demo territory)."""

_MAIRIE = {"label": "Mairie de Vassieux-en-Vercors", "latitude": 44.8956, "longitude": 5.3711}
_PARKING = {"label": "Parking de la salle des fêtes, Vassieux", "latitude": 44.8912,
            "longitude": 5.37}  # fmt: skip
_HEALTH = {"label": "Centre de santé de La Chapelle-en-Vercors", "latitude": 44.9705,
           "longitude": 5.4135}  # fmt: skip
SEARCH = {
    "options": [
        {
            "departs": "2026-12-15T09:00:00+01:00", "arrives": "2026-12-15T09:17:39+01:00",
            "minutes": 18, "walking_m": 646, "transfers": 0, "cost": "10.38", "co2_kg": "1.36",
            "needs_booking": True, "guaranteed": True, "modes": ["carsharing"],
            "legs": [
                {"mode": "walk", "name": "", "origin": _MAIRIE, "destination": _PARKING,
                 "departs": "2026-12-15T09:00:00+01:00", "arrives": "2026-12-15T09:08:59+01:00",
                 "distance_m": 646, "cost": "0", "co2_kg": "0", "guaranteed": True,
                 "needs_booking": False, "booking_url": "", "note": ""},
                {"mode": "carsharing", "name": "Kangoo de Vassieux (Renault)",
                 "origin": _PARKING, "destination": _HEALTH,
                 "departs": "2026-12-15T09:00:00+01:00", "arrives": "2026-12-15T09:17:39+01:00",
                 "distance_m": 13243, "cost": "10.38", "co2_kg": "1.36", "guaranteed": True,
                 "needs_booking": True,
                 "booking_url": "https://example.org/carsharing/vehicles/2/book/"
                 "?start=2026-12-15T09%3A00&end=2026-12-15T11%3A45",
                 "note": "back at Parking de la salle des fêtes, Vassieux by 11:45"},
            ],
        }
    ],
    "drive": {"mode": "drive", "name": "Your own car (estimate)", "origin": _MAIRIE,
              "destination": _HEALTH, "departs": "2026-12-15T09:00:00+01:00",
              "arrives": "2026-12-15T09:16:45+01:00", "distance_m": 12561, "cost": None,
              "co2_kg": "2.74", "guaranteed": True, "needs_booking": False, "booking_url": "",
              "note": ""},
    "invented_timetable": True,
}  # fmt: skip
