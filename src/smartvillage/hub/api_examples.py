"""Response examples of the public hub API in the OpenAPI document (demo data)."""

ACTORS = {
    "items": [
        {"slug": "activ-royans", "name": "Activ'Royans", "kind": "organisation",
         "roles": ["holder"], "helps_on": ["economy"], "insee_codes": ["26307"], "email": "",
         "phone": "", "website": ""},
    ],
    "count": 1,
}  # fmt: skip
INITIATIVE = {
    "slug": "reseau-coworkings-vercors-nord", "title": "Réseau des coworkings du Vercors nord",
    "summary": "Les espaces de coworking du plateau partagent un pass, un agenda et leur "
    "communication.",
    "solution_type": "network", "dimensions": ["economy"], "insee_codes": ["38225"],
    "stage": "running", "started_on": "2022-10-01", "organisation": "UTO-PIC",
    "published_at": "2026-12-03T16:22:28.033Z",
}  # fmt: skip
INITIATIVES = {"items": [INITIATIVE], "count": 1}
INITIATIVE_DETAIL = {
    **INITIATIVE,
    "steps": "Réunir les lieux.\nCréer un pass commun.\nPublier un agenda partagé.",
    "results": "Les coworkers passent d'un lieu à l'autre avec le même pass.",
    "figures": [{"label": "Lieux membres", "value": "4", "unit": ""}],
    "lessons": "Une gouvernance légère mais écrite entre des lieux très différents.",
    "barriers": "Le temps bénévole des gestionnaires.", "partners_sought": "",
    "budget_eur": None, "funding": "", "service": None, "live_figures": [],
}  # fmt: skip
EVENTS = {
    "items": [
        {"id": 1, "title": "Voyage d'étude Smart Village en Royans-Vercors", "kind": "visit",
         "starts_at": "2026-12-15T08:00:00Z", "ends_at": "2026-12-15T16:00:00Z",
         "place_name": "Saint-Jean-en-Royans, siège de la communauté de communes",
         "insee_code": "26307", "capacity": 30, "seats_left": 30, "cancelled": False},
    ],
    "count": 1,
}  # fmt: skip
RESOURCES = {
    "items": [
        {"id": 2, "title": "Calculer l'impact carbone d'un trajet", "kind": "link",
         "description": "Les facteurs d'émission utilisés par la plateforme (Base Empreinte).",
         "url": "https://impactco2.fr/", "language": "fr", "author": "ADEME",
         "dimensions": ["mobility"]},
    ],
    "count": 1,
}  # fmt: skip
ASSESSMENTS = {
    "items": [
        {"id": 2, "place": "Communauté de communes du Royans-Vercors", "insee_code": None,
         "area": "cc-royans-vercors", "assessed_on": "2026-01-20",
         "scores": {"mobility": 25, "governance": 50, "economy": 50, "environment": 75,
                    "living": 50, "people": 50},
         "targets": {"mobility": 60, "governance": 60, "economy": 60, "environment": 80,
                     "living": 60, "people": 60}},
    ],
    "count": 1,
}  # fmt: skip
SEARCH = [{"kind": "actor", "title": "Activ'Royans", "url": "/hub/actors/activ-royans/"}]
