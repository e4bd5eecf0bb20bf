"""Response examples of the seasonal API's public endpoints (in the OpenAPI document)."""

JOB = {
    "id": 12, "title": "Conducteur / conductrice de télésiège",
    "employer": "Remontées mécaniques de Villard", "rome_code": "G1205",
    "season": "Hiver 2026-2027", "insee_code": "38548", "commune": "Villard-de-Lans",
    "latitude": 45.06, "longitude": 5.5439, "starts_on": "2026-12-19", "ends_on": "2027-04-04",
    "contract": "seasonal", "weekly_hours": "35.0", "hourly_wage": "12.50", "housing": "helped",
    "meals": "some", "languages_required": ["fr"], "licences_required": [],
    "skills_required": ["remontees-mecaniques"], "skills_preferred": ["secours-pistes"],
    "reachable_without_car": True, "positions": 4, "status": "open",
}  # fmt: skip
JOBS = [JOB]
CONTACTS = [
    {
        "name": "Maison des saisonniers du Vercors", "kind": "seasonal_house",
        "intercommunality": "massif-du-vercors", "insee_code": "38548", "latitude": 45.06,
        "longitude": 5.5439, "phone": "04 76 00 00 01", "email": "", "website": "",
        "opening_hours": "Lun.–ven. 9h–12h, 14h–18h",
    }
]  # fmt: skip
