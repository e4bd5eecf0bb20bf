"""Response examples of the public seasonal-work API in the OpenAPI document (demo data)."""

JOB = {
    "id": 1, "title": "Conducteur / conductrice de télésiège",
    "employer": "Remontées mécaniques de Villard", "rome_code": "G1205",
    "season": "Hiver 2026-2027", "insee_code": "38548", "commune": "Villard-de-Lans",
    "latitude": 45.06003, "longitude": 5.543896, "starts_on": "2026-12-19",
    "ends_on": "2027-04-04", "contract": "seasonal", "weekly_hours": "35.0",
    "hourly_wage": "12.50", "housing": "helped", "meals": "some", "languages_required": ["fr"],
    "licences_required": [], "skills_required": ["remontees-mecaniques"],
    "skills_preferred": ["secours-pistes"], "reachable_without_car": True, "positions": 4,
    "status": "open",
}  # fmt: skip
JOBS = [JOB]
CONTACTS = [
    {"name": "Accueil saisonniers de Font d'Urle", "kind": "seasonal_house",
     "intercommunality": "royans-vercors", "insee_code": "26059", "latitude": 44.9178,
     "longitude": 5.3225, "phone": "04 75 00 00 05", "email": "", "website": "",
     "opening_hours": "Week-ends et vacances scolaires 9h–17h"},
]  # fmt: skip
