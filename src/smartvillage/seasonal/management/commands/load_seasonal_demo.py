"""The seasonal-work demo: a winter season in the Vercors — Villard-de-Lans and
Autrans-Méaudre (Communauté de communes du Massif du Vercors) and Font d'Urle (Bouvante,
Royans-Vercors) — with ski-lift operators, restaurants and hotels posting jobs, workers with
past seasons (one has the priority of reconduction), applications, housing offers and
requests, and each intercommunality's contacts and season calendar.

The communes are real; the employers, people, addresses, phone numbers, hours and jobs are
invented for the demo. Safe to run twice: rows are keyed (slugs, emails, external ids).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from smartvillage.accounts.models import Membership, Organisation, User
from smartvillage.core.management.demo import DemoCommand
from smartvillage.seasonal import services
from smartvillage.seasonal.models import (
    Application,
    Contact,
    HousingOffer,
    HousingRequest,
    Intercommunality,
    Job,
    Season,
    SeasonRecord,
    WorkerProfile,
)
from smartvillage.territory.models import Commune

PASSWORD = "vercors-demo"  # the territory demo's published password (demo only)

# (INSEE, name, departement, lat, lon, population): from territory/data/communes_38_26.csv.
COMMUNES = {
    "38548": ("Villard-de-Lans", "38", 45.06003, 5.543896, 4328),
    "38225": ("Autrans-Méaudre en Vercors", "38", 45.168322, 5.545108, 2936),
    "38205": ("Lans-en-Vercors", "38", 45.120884, 5.590122, 2751),
    "26059": ("Bouvante", "26", 44.935427, 5.304271, 210),
}
FONT_DURLE = (44.9178, 5.3225)  # the Font d'Urle ski area, on the commune of Bouvante

AREAS = {
    "massif-du-vercors": ("Communauté de communes du Massif du Vercors", ["38548", "38225",
                                                                          "38205"]),
    "royans-vercors": ("Communauté de communes Royans-Vercors", ["26059"]),
}  # fmt: skip
WINTERS = {2024: (date(2024, 12, 21), date(2025, 4, 6)),
           2025: (date(2025, 12, 20), date(2026, 4, 5)),
           2026: (date(2026, 12, 19), date(2027, 4, 4))}  # fmt: skip

# (slug, name, INSEE, staff email, first, last)
EMPLOYERS = [
    ("remontees-villard", "Remontées mécaniques de Villard (démo)", "38548",
     "employer@example.org", "Claire", "Faure"),
    ("pistes-autrans", "Régie des pistes d'Autrans-Méaudre (démo)", "38225",
     "pistes.autrans@example.org", "Marc", "Jullien"),
    ("hotel-les-gentianes", "Hôtel Les Gentianes (démo)", "38548",
     "hotel.gentianes@example.org", "Inès", "Morel"),
    ("restaurant-le-balcon", "Restaurant d'altitude Le Balcon (démo)", "38548",
     "restaurant.balcon@example.org", "Paul", "Arnaud"),
    ("teleskis-font-durle", "Téléskis de Font d'Urle (démo)", "26059",
     "font.durle@example.org", "Lucie", "Bernard"),
]  # fmt: skip

# (external id, employer, title, ROME, INSEE, lat/lon or None, housing, meals, skills
#  required, skills preferred, languages required, licences required, reachable, positions)
JOBS = [
    ("demo-1", "remontees-villard", "Conducteur / conductrice de télésiège", "G1205", "38548",
     None, "helped", "some", ["remontees-mecaniques"], ["secours-pistes"], ["fr"], [], True, 4),
    ("demo-2", "remontees-villard", "Pisteur secouriste", "G1205", "38548", None, "provided",
     "some", ["secours-pistes"], ["damage"], ["fr"], ["psc1"], True, 2),
    ("demo-3", "pistes-autrans", "Agent d'accueil et de billetterie", "G1703", "38225", None,
     "none", "none", ["accueil-clients", "encaissement"], [], ["fr"], [], True, 2),
    ("demo-4", "pistes-autrans", "Conducteur / conductrice de dameuse", "G1205", "38225", None,
     "helped", "none", ["damage"], [], ["fr"], ["B"], False, 1),
    ("demo-5", "hotel-les-gentianes", "Réceptionniste (anglais)", "G1703", "38548", None,
     "provided", "all", ["accueil-clients", "reservations"], [], ["fr", "en"], [], True, 1),
    ("demo-6", "hotel-les-gentianes", "Femme / valet de chambre", "G1501", "38548", None,
     "provided", "all", ["menage-chambres"], [], [], [], True, 2),
    ("demo-7", "restaurant-le-balcon", "Commis de cuisine", "G1602", "38548", None, "provided",
     "all", ["cuisine-chaude", "hygiene-haccp"], ["cuisine-froide"], [], [], False, 1),
    ("demo-8", "restaurant-le-balcon", "Serveur / serveuse en salle", "G1803", "38548", None,
     "provided", "all", ["service-salle"], ["bar"], ["fr"], [], False, 2),
    ("demo-9", "teleskis-font-durle", "Perchman / perchwoman", "G1205", "26059", FONT_DURLE,
     "helped", "some", ["remontees-mecaniques"], [], [], [], False, 2),
    ("demo-10", "teleskis-font-durle", "Loueur / loueuse de matériel de ski", "D1211", "26059",
     FONT_DURLE, "none", "some", ["location-materiel"], ["vente-conseil"], [], [], False, 1),
]  # fmt: skip

# (email, first, last, skills, languages, licences, needs housing, has car, path, open,
#  availability windows)
WORKERS = [
    ("saisonnier@example.org", "Yanis", "Roux", ["remontees-mecaniques", "secours-pistes"],
     ["fr", "en"], ["B", "psc1"], True, False,
     "Trois hivers aux remontées de Villard, l'été guide de canyon dans le Vercors.", True,
     [(date(2026, 12, 10), date(2027, 4, 10))]),
    ("saisonniere.cuisine@example.org", "Léa", "Vidal", ["cuisine-chaude", "hygiene-haccp",
     "plonge"], ["fr"], [], True, False,
     "CAP cuisine, deux saisons en restaurant d'altitude, j'aime le travail en équipe.", True,
     [(date(2026, 12, 15), date(2027, 4, 5))]),
    ("seasonal.worker@example.org", "Tom", "Walker", ["accueil-clients", "reservations", "bar"],
     ["en", "fr", "de"], ["B"], True, True,
     "From Manchester; front desk in Chamonix, two winters, learning French every day.", False,
     [(date(2026, 12, 19), date(2027, 2, 28))]),
    ("saisonniere.menage@example.org", "Fatou", "Diallo", ["menage-chambres",
     "nettoyage-locaux"], ["fr"], [], False, False,
     "Je vis à Villard à l'année ; je cherche une saison à l'hôtel, près du bus.", True,
     [(date(2026, 12, 19), date(2027, 4, 4))]),
]  # fmt: skip


def _commune(insee: str) -> Commune:
    name, dep, lat, lon, population = COMMUNES[insee]
    commune, _created = Commune.objects.get_or_create(
        insee_code=insee,
        defaults={"name": name, "departement": dep, "latitude": lat, "longitude": lon,
                  "population": population},
    )  # fmt: skip
    return commune


def _user(email: str, first: str, last: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, PASSWORD, first_name=first, last_name=last)
        user.emailaddress_set.create(email=email, verified=True, primary=True)  # type: ignore[attr-defined]
    return user


class Command(DemoCommand):
    help = "Load the seasonal-work demo: a winter season in the Vercors."

    @transaction.atomic
    def load(self, **options: Any) -> None:
        seasons = self._areas()
        employers = self._employers()
        jobs = self._jobs(employers, seasons)
        workers = self._workers()
        self._history(workers, employers, seasons)
        self._applications(workers, jobs)
        self._housing(workers, employers, seasons)
        self.stdout.write(
            f"Seasonal demo: {len(jobs)} jobs, {len(workers)} workers, "
            f"{HousingOffer.objects.count()} housing offers, {Contact.objects.count()} contacts."
        )

    def _areas(self) -> dict[tuple[str, int], Season]:
        seasons = {}
        for slug, (name, insees) in AREAS.items():
            area, _ = Intercommunality.objects.get_or_create(slug=slug, defaults={"name": name})
            area.communes.add(*[_commune(i) for i in insees])
            for year, (start, end) in WINTERS.items():
                seasons[slug, year], _ = Season.objects.get_or_create(
                    intercommunality=area, name=f"Hiver {year}-{year + 1}",
                    defaults={"kind": Season.Kind.WINTER, "starts_on": start, "ends_on": end},
                )  # fmt: skip
        self._contacts()
        return seasons

    def _contacts(self) -> None:
        rows = [
            ("massif-du-vercors", "seasonal_house", "Maison des saisonniers du Vercors (démo)",
             "38548", "Place de la Libération", "Lun.–ven. 9h–12h, 14h–18h ; sam. 9h–12h en saison",
             "04 76 00 00 01"),
            ("massif-du-vercors", "employment", "Permanence emploi saisonnier (démo)", "38548",
             "Maison des services", "Mar. et jeu. 9h–12h", "04 76 00 00 02"),
            ("massif-du-vercors", "housing", "Point logement saisonnier (démo)", "38225",
             "Mairie annexe", "Mer. 14h–17h", "04 76 00 00 03"),
            ("massif-du-vercors", "health", "Maison de santé du plateau (démo)", "38205",
             "Rue principale", "Lun.–sam. 8h–20h", "04 76 00 00 04"),
            ("royans-vercors", "seasonal_house", "Accueil saisonniers de Font d'Urle (démo)",
             "26059", "Station de Font d'Urle", "Week-ends et vacances scolaires 9h–17h",
             "04 75 00 00 05"),
        ]  # fmt: skip
        for slug, kind, name, insee, address, hours, phone in rows:
            commune = _commune(insee)
            lat, lon = FONT_DURLE if insee == "26059" else (commune.latitude, commune.longitude)
            Contact.objects.get_or_create(
                intercommunality=Intercommunality.objects.get(slug=slug), name=name,
                defaults={"kind": kind, "commune": commune, "address": address,
                          "opening_hours": hours, "phone": phone, "latitude": lat,
                          "longitude": lon},
            )  # fmt: skip

    def _employers(self) -> dict[str, Organisation]:
        found = {}
        for slug, name, insee, email, first, last in EMPLOYERS:
            org, _ = Organisation.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "kind": Organisation.Kind.EMPLOYER,
                          "commune": _commune(insee), "email": email},
            )  # fmt: skip
            Membership.objects.get_or_create(
                user=_user(email, first, last), organisation=org,
                defaults={"role": Membership.Role.ADMIN},
            )  # fmt: skip
            found[slug] = org
        return found

    def _jobs(self, employers: dict[str, Organisation], seasons: dict[Any, Season]) -> list[Job]:
        jobs = []
        for (ident, employer, title, code, insee, point, housing, meals, required, preferred,
             languages, licences, reachable, positions) in JOBS:  # fmt: skip
            commune = _commune(insee)
            area = "royans-vercors" if insee == "26059" else "massif-du-vercors"
            season = seasons[area, 2026]
            lat, lon = point or (commune.latitude, commune.longitude)
            job, created = Job.objects.get_or_create(
                employer=employers[employer], external_id=ident,
                defaults={
                    "season": season, "title": title, "rome_code": code, "commune": commune,
                    "description": f"{title} pour l'hiver {season.starts_on.year}-"
                    f"{season.ends_on.year}. Poste saisonnier, équipe accueillante.",
                    "latitude": lat, "longitude": lon, "starts_on": season.starts_on,
                    "ends_on": season.ends_on, "weekly_hours": Decimal(35),
                    "hourly_wage": Decimal("12.50"), "housing": housing, "meals": meals,
                    "skills_required": required, "skills_preferred": preferred,
                    "languages_required": languages, "licences_required": licences,
                    "positions": positions, "reachable_without_car": reachable,
                    "transport_access": "Navette de la station depuis le village"
                    if reachable else "",
                },
            )  # fmt: skip
            jobs.append(job)
        return jobs

    def _workers(self) -> list[User]:
        found = []
        for (email, first, last, skills, languages, licences, housing, car, path, open_,
             windows) in WORKERS:  # fmt: skip
            user = _user(email, first, last)
            profile, created = WorkerProfile.objects.get_or_create(user=user)
            if created:
                profile.skills, profile.languages, profile.licences = skills, languages, licences
                profile.needs_housing, profile.has_car, profile.my_path = housing, car, path
                profile.open_to_offers = open_
                profile.shown_fields = ["skills", "languages", "licences", "availability",
                                        "my_path", "seasons"]  # fmt: skip
                services.save_profile(profile, windows, [_commune("38548")])
            found.append(user)
        return found

    def _history(self, workers: list[User], employers: dict[str, Organisation],
                 seasons: dict[Any, Season]) -> None:  # fmt: skip
        yanis, lea, tom, _fatou = workers
        lifts = employers["remontees-villard"]
        for year in (2024, 2025):  # two winters: the priority of reconduction
            services.declare_season(
                yanis, lifts, seasons["massif-du-vercors", year], "Conducteur de télésiège",
                confirmed_by=lifts.memberships.first().user,  # type: ignore[union-attr]
            )  # fmt: skip
        services.declare_season(
            lea, employers["restaurant-le-balcon"], seasons["massif-du-vercors", 2025],
            "Commis de cuisine",
            confirmed_by=employers["restaurant-le-balcon"].memberships.first().user,  # type: ignore[union-attr]
        )  # fmt: skip
        # Declared by the worker, waiting for the hotel's confirmation.
        SeasonRecord.objects.get_or_create(
            worker=tom, employer=employers["hotel-les-gentianes"],
            season=seasons["massif-du-vercors", 2025], defaults={"job_title": "Réceptionniste"},
        )  # fmt: skip

    def _applications(self, workers: list[User], jobs: list[Job]) -> None:
        yanis, lea, tom, fatou = workers
        by_id = {job.external_id: job for job in jobs}
        for worker, ident, message in (
            (lea, "demo-7", "Disponible tout l'hiver, logement souhaité."),
            (tom, "demo-5", "Happy to work weekends; French B1."),
            (fatou, "demo-6", "J'habite à Villard, je viens en bus."),
        ):
            if not Application.objects.filter(job=by_id[ident], worker=worker).exists():
                services.apply(by_id[ident], worker, message)

    def _housing(self, workers: list[User], employers: dict[str, Organisation],
                 seasons: dict[Any, Season]) -> None:  # fmt: skip
        season = seasons["massif-du-vercors", 2026]
        house, _ = Organisation.objects.get_or_create(
            slug="maison-saisonniers-vercors",
            defaults={"name": "Maison des saisonniers du Vercors (démo)",
                      "kind": Organisation.Kind.ASSOCIATION,
                      "email": "saisonniers@example.org"},
        )  # fmt: skip
        offers = [
            (employers["hotel-les-gentianes"], "Chambre du personnel, hôtel Les Gentianes",
             "38548", Decimal(150), Decimal(0), Decimal(0), True, 1, False, True),
            (employers["restaurant-le-balcon"], "Studio au pied des pistes", "38548",
             Decimal(380), Decimal(40), Decimal(380), True, 1, False, False),
            (house, "Colocation saisonnière à Autrans (3 chambres)", "38225", Decimal(320),
             Decimal(50), Decimal(320), True, 3, True, False),
        ]  # fmt: skip
        for (offerer, title, insee, rent, charges, deposit, guarantee, capacity, shared,
             reserved) in offers:  # fmt: skip
            commune = _commune(insee)
            HousingOffer.objects.get_or_create(
                offerer=offerer, title=title,
                defaults={"commune": commune, "latitude": commune.latitude,
                          "longitude": commune.longitude, "season": season,
                          "available_from": season.starts_on, "available_until": season.ends_on,
                          "monthly_rent": rent, "monthly_charges": charges, "deposit": deposit,
                          "employer_guarantee": guarantee, "capacity": capacity,
                          "shared": shared, "reserved_to_staff": reserved},
            )  # fmt: skip
        yanis, lea, _tom, _fatou = workers
        for worker, consent in ((yanis, True), (lea, False)):
            if not HousingRequest.objects.filter(worker=worker).exists():
                services.save_housing_request(
                    HousingRequest(
                        worker=worker, commune=_commune("38548"), starts_on=season.starts_on,
                        ends_on=season.ends_on, max_rent=Decimal(400),
                        consent_to_contact=consent, note="Sans voiture : près d'une navette.",
                    )
                )  # fmt: skip
