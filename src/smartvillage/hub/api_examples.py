"""Response examples of the hub's public API in the OpenAPI document (demo data)."""

ACTOR = {
    "slug": "la-paz", "name": "Centre social La Paz", "kind": "organisation",
    "roles": ["holder", "operator", "help"], "helps_on": ["mobility", "people"],
    "insee_codes": ["26074"], "email": "", "phone": "", "website": "",
}  # fmt: skip
ACTORS = {"items": [ACTOR], "count": 1}
SHEET = {
    "slug": "transport-solidaire-la-paz",
    "title": "Transport solidaire à la demande du Vercors drômois",
    "summary": "Des bénévoles conduisent les habitants sans voiture vers les commerces.",
    "solution_type": "service", "dimensions": ["mobility", "people"],
    "insee_codes": ["26074", "26364"], "stage": "running", "started_on": "2021-09-01",
    "organisation": "Centre social La Paz", "published_at": "2026-12-01T09:00:00+01:00",
}  # fmt: skip
SHEETS = {"items": [SHEET], "count": 1}
SHEET_DETAIL = {
    **SHEET,
    "actors": [{"name": "Centre social La Paz", "role": "Porteur de projet", "slug": "la-paz"}],
    "steps": "Recenser les besoins avec les communes.", "results": "Les rendez-vous tenus.",
    "figures": [{"label": "Bénévoles actifs", "value": "12", "unit": ""}],
    "lessons": "Régler l'assurance avant le premier trajet.", "barriers": "Le relief et l'hiver.",
    "partners_sought": "", "budget_eur": 18000, "funding": "LEADER",
    "service": "TAD La Paz",
    "live_figures": [{"label": "Trajets effectués les 30 derniers jours", "value": 84, "unit": ""}],
}  # fmt: skip
EVENTS = {
    "items": [
        {
            "id": 1,
            "title": "Voyage d'étude Smart Village en Royans-Vercors",
            "kind": "visit",
            "starts_at": "2026-12-15T09:00:00+01:00",
            "ends_at": "2026-12-15T17:00:00+01:00",
            "place_name": "Saint-Jean-en-Royans",
            "insee_code": "26307",
            "capacity": 30,
            "seats_left": 28,
            "cancelled": False,
        }  # fmt: skip
    ],
    "count": 1,
}
RESOURCES = {
    "items": [
        {
            "id": 1,
            "title": "Programme Interreg Espace alpin",
            "kind": "link",
            "description": "Le programme européen du projet SmartVillages.",
            "url": "https://www.alpine-space.eu/",
            "language": "fr",
            "author": "Interreg Alpine Space",
            "dimensions": ["governance"],
        }  # fmt: skip
    ],
    "count": 1,
}
ASSESSMENTS = {
    "items": [
        {
            "id": 2,
            "place": "Communauté de communes du Royans-Vercors",
            "insee_code": None,
            "area": "cc-royans-vercors",
            "assessed_on": "2026-01-20",
            "scores": {
                "mobility": 25,
                "governance": 50,
                "economy": 50,
                "environment": 75,
                "living": 50,
                "people": 50,
            },
            "targets": {"mobility": 60, "environment": 80},
        }  # fmt: skip
    ],
    "count": 1,
}
SEARCH = [
    {"kind": "initiative", "title": "Autopartage de voitures électriques",
     "url": "/hub/initiatives/autopartage-vercors-soleil/"},
]  # fmt: skip
