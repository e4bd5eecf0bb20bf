"""Response examples of the public on-demand transport API in the OpenAPI document."""

SERVICE = {
    "slug": "la-paz", "name": "Transport solidaire La Paz", "organisation": "la-paz",
    "days": [1, 2, 3, 4, 5], "start_time": "08:00", "end_time": "18:00",
    "min_notice_minutes": 2880, "max_advance_days": 30, "cancellation_deadline_minutes": 1440,
    "eligibility": "open", "fare_kind": "fixed", "fare_amount": "2.00",
    "phone": "04 75 00 00 00",
    "instructions": "Appelez le centre social au moins 48 h avant, du lundi au vendredi.",
    "communes": ["26074", "26364"],
    "zone": {"type": "Polygon", "coordinates": [[[5.27, 44.85], [5.50, 44.85], [5.50, 45.05],
                                                 [5.27, 45.05], [5.27, 44.85]]]},
    "stops": [{"id": 2, "name": "Centre de santé de La Chapelle-en-Vercors",
               "latitude": 44.9705, "longitude": 5.4135, "commune": "26074"}],
}  # fmt: skip
SERVICES = [SERVICE]
