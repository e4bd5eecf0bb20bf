"""The hub demo: the actors of the report's Royans-Vercors list as organisations, the six
experience sheets of the study visit, network events, a few resources and a completed
self-assessment of the Royans-Vercors (with an earlier one of the Massif du Vercors, so that
the matchmaking has somewhere to look).

Four sheets describe the services of this demo (on-demand transport of the Centre social La
Paz, the Vercors Soleil car sharing, carpooling and hitchhiking, La Jolie Colo) and show their
live figures; the two others (a mobile digital help desk, the UTO-PIC coworking network) are
plausible examples, labelled as such. Figures, budgets, people and answers are invented.

Best after ``load_demo``; creates what it needs otherwise. Safe to run twice (rows are keyed
by slugs, titles and emails).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.accounts.models import Membership, Organisation, User
from smartvillage.core.management.demo import DemoCommand
from smartvillage.hub import indicators, services
from smartvillage.hub.models import (
    Actor,
    Assessment,
    Event,
    Initiative,
    InitiativeActor,
    Resource,
    Status,
    Theme,
)
from smartvillage.territory.models import Commune, ServiceArea

PASSWORD = "vercors-demo"  # the territory demo's published password (demo only)
DEMO_NOTE = "Fiche de démonstration : chiffres et détails inventés."

THEMES = [
    ("mobilite", "Mobilité partagée", "Shared mobility", "mobility"),
    ("numerique", "Inclusion numérique", "Digital inclusion", "people"),
    ("tiers-lieux", "Tiers-lieux", "Third places", "economy"),
    ("energie", "Énergie citoyenne", "Community energy", "environment"),
    ("services", "Services aux habitants", "Services to residents", "living"),
    ("cooperation", "Coopération et gouvernance", "Cooperation and governance", "governance"),
]

# (slug, name, kind, INSEE of its commune or None, roles, helps on, themes, description)
ACTORS = [
    ("activ-royans", "Activ'Royans", Organisation.Kind.ASSOCIATION, "26307", "holder network",
     "economy people", "cooperation services",
     "Acteur de la liste Royans-Vercors du rapport. Fiche de démonstration, à compléter par "
     "l'acteur lui-même."),
    ("vertacoo", "Vertacoo", Organisation.Kind.ASSOCIATION, None, "holder",
     "economy", "cooperation",
     "Acteur de la liste Royans-Vercors du rapport. Fiche de démonstration, à compléter par "
     "l'acteur lui-même."),
    ("la-jolie-colo", "La Jolie Colo", Organisation.Kind.THIRD_PLACE, "38225",
     "holder operator", "economy", "tiers-lieux", ""),
    ("uto-pic", "UTO-PIC", Organisation.Kind.ASSOCIATION, None, "network help",
     "economy", "tiers-lieux", ""),
    ("la-paz", "Centre social La Paz", Organisation.Kind.ASSOCIATION, "26074",
     "holder operator help", "mobility people", "mobilite numerique services", ""),
    ("vercors-soleil", "Vercors Soleil", Organisation.Kind.COOPERATIVE, None, "holder operator",
     "environment mobility", "energie mobilite", ""),
    ("cc-royans-vercors", "Communauté de communes du Royans-Vercors",
     Organisation.Kind.PUBLIC_BODY, "26307", "public funder", "governance", "cooperation", ""),
    ("parc-du-vercors", "Parc naturel régional du Vercors", Organisation.Kind.PUBLIC_BODY,
     "38205", "public help", "environment governance", "cooperation energie", ""),
]  # fmt: skip


@dataclass(frozen=True)
class DemoSheet:
    slug: str
    title: str
    org: str
    service_key: str
    solution_type: str
    dimensions: str
    themes: str
    communes: str
    summary: str
    steps: str
    results: str
    figures: str
    lessons: str
    barriers: str
    budget: int | None
    funding: str
    started: date
    example: bool = False  # a plausible example, not one of the demo's services


SHEETS = [
    DemoSheet(
        "transport-solidaire-la-paz", "Transport solidaire à la demande du Vercors drômois",
        "la-paz", "ondemand.service:la-paz", "service", "mobility people", "mobilite services",
        "26074 26364 26290 26309 26315",
        "Des bénévoles conduisent les habitants sans voiture vers les commerces, la santé et "
        "les démarches ; réservation par téléphone au centre social ou en ligne.",
        "Recenser les besoins avec les communes.\nRecruter et assurer les bénévoles.\n"
        "Ouvrir la réservation par téléphone, puis en ligne.",
        "Les personnes âgées du plateau gardent leurs rendez-vous médicaux.",
        "Bénévoles actifs: 12\nCommunes desservies: 5",
        "Le défraiement des bénévoles et l'assurance sont à régler avant le premier trajet.",
        "Le relief et l'hiver allongent les trajets ; peu de conducteurs en semaine.",
        18000, "LEADER, Conférence des financeurs", date(2021, 9, 1),
    ),
    DemoSheet(
        "autopartage-vercors-soleil", "Autopartage de voitures électriques",
        "vercors-soleil", "carsharing.fleet:vercors-soleil", "service", "mobility environment",
        "mobilite energie", "26074 26364 26307",
        "Des voitures électriques partagées, rechargées par l'électricité solaire locale, "
        "réservées en ligne et ouvertes avec une boîte à clés.",
        "Acheter une première voiture d'occasion et une borne.\nÉcrire la charte et le tarif.\n"
        "Ajouter des voitures dans les villages voisins.",
        "Des ménages renoncent à une deuxième voiture.",
        "Prix horaire: 2 €\nPrix au km: 0,37 €",
        "L'usure des voitures et un prix qui reste viable (le retour de l'opération Zoé).",
        "Peu de réservations en semaine l'hiver.",
        7000, "Fonds propres de la coopérative", date(2022, 4, 1),
    ),
    DemoSheet(
        "covoiturage-autostop-organise", "Covoiturage et autostop organisé",
        "cc-royans-vercors", "rideshare.network:all", "service", "mobility", "mobilite",
        "26307 26074 38319",
        "Des arrêts signalés, des membres vérifiés avec une carte, le covoiturage du quotidien "
        "et l'autostop organisé entre le Royans et le plateau.",
        "Choisir les arrêts avec les communes.\nVérifier les membres à la mairie ou au relais.\n"
        "Poser la signalétique et communiquer.",
        "Une solution pour les jeunes et les saisonniers sans voiture.",
        "Arrêts signalés: 9",
        "La confiance se construit : vérification d'identité, charte, carte de membre.",
        "Peu de passage sur certaines routes en dehors des heures de pointe.",
        12000, "Communauté de communes", date(2023, 3, 1),
    ),
    DemoSheet(
        "tiers-lieu-la-jolie-colo", "La Jolie Colo, tiers-lieu dans une ancienne colonie",
        "la-jolie-colo", "thirdplaces.place:la-jolie-colo", "place", "economy people",
        "tiers-lieux", "38225",
        "Une ancienne colonie de vacances devenue lieu de travail partagé : coworking, "
        "ateliers, artisans et artistes en résidence.",
        "Reprendre le bâtiment.\nOuvrir un premier espace de coworking.\n"
        "Accueillir des résidences et des événements.",
        "Des actifs travaillent au village au lieu de descendre à Grenoble.",
        "Postes de coworking: 12",
        "L'équilibre entre l'usage associatif et les recettes des bureaux.",
        "Travaux lourds sur un bâtiment ancien.",
        None, "", date(2019, 6, 1),
    ),
    DemoSheet(
        "permanence-numerique-itinerante", "Permanence numérique itinérante",
        "la-paz", "", "service", "people living", "numerique services", "26074 26364 26290",
        "Exemple plausible (non issu du rapport) : un animateur tient une permanence d'aide "
        "aux démarches en ligne dans une mairie différente chaque jour de la semaine.",
        "Former un animateur.\nConvenir d'un planning avec les mairies.\n"
        "Équiper un ordinateur portable et une imprimante.",
        "Moins de déplacements jusqu'au chef-lieu pour les démarches.",
        "Permanences par semaine: 4",
        "Annoncer les permanences sur papier : le public visé lit peu en ligne.",
        "La couverture mobile de certaines mairies.",
        9000, "Conseil départemental", date(2024, 1, 15), example=True,
    ),
    DemoSheet(
        "reseau-coworkings-vercors-nord", "Réseau des coworkings du Vercors nord",
        "uto-pic", "", "network", "economy governance", "tiers-lieux cooperation",
        "38225 38205 38548",
        "Exemple plausible (non issu du rapport) : les espaces de coworking du plateau "
        "partagent un pass, un agenda et leur communication.",
        "Réunir les lieux.\nCréer un pass commun.\nPublier un agenda partagé.",
        "Les coworkers passent d'un lieu à l'autre avec le même pass.",
        "Lieux membres: 4",
        "Une gouvernance légère mais écrite entre des lieux très différents.",
        "Le temps bénévole des gestionnaires.",
        None, "", date(2022, 10, 1), example=True,
    ),
]  # fmt: skip


def _org(slug: str, name: str, kind: str, commune: Commune | None, description: str) -> Any:
    org, _created = Organisation.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "kind": kind, "commune": commune, "description": description},
    )
    return org


def _user(email: str, first: str, last: str, org: Organisation, role: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, PASSWORD, first_name=first, last_name=last)
        user.emailaddress_set.create(email=email, verified=True, primary=True)  # type: ignore[attr-defined]
    Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role})
    return user


def _dt(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _answers(level_by_dimension: dict[str, int]) -> dict[str, int]:
    return {i.code: level_by_dimension[i.dimension] for i in indicators.INDICATORS}


class Command(DemoCommand):
    help = "Load the hub demo (actors, six experience sheets, events, a self-assessment)."

    def load(self, **options: Any) -> None:
        with transaction.atomic():
            counts = self._load()
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Hub demo: %(actors)s actors, %(sheets)s sheets, %(events)s events.") % counts
                )
            )

    def _load(self) -> dict[str, int]:
        communes = {c.insee_code: c for c in Commune.objects.all()}
        themes = {}
        for slug, name, name_en, dimension in THEMES:
            themes[slug], _c = Theme.objects.update_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "dimension": dimension}
            )
        orgs = {}
        for slug, name, kind, insee, roles, helps, theme_slugs, description in ACTORS:
            org = _org(slug, name, kind, communes.get(insee or ""), description)
            orgs[slug] = org
            actor, _c = Actor.objects.update_or_create(
                slug=slug,
                defaults={
                    "kind": Actor.Kind.ORGANISATION, "name": name, "organisation": org,
                    "description": description or org.description, "roles": roles,
                    "helps_on": helps, "website": org.website, "contact_by": "website",
                    "consent_listed": True, "consented_at": timezone.now(),
                },
            )  # fmt: skip
            actor.themes.set([themes[t] for t in theme_slugs.split()])
            if insee in communes:
                actor.communes.set([communes[insee]])

        # The territory staff who moderate (a public body's operator) and a sheet author.
        moderator = _user(
            "territoire@example.org", "Claire", "Arnaud", orgs["cc-royans-vercors"], "operator"
        )
        for sheet_data in SHEETS:
            self._sheet(sheet_data, orgs, themes, communes, moderator)
        events = self._events(orgs, communes)
        self._resources(themes, moderator)
        self._assessments(orgs, moderator)
        return {"actors": len(ACTORS), "sheets": len(SHEETS), "events": events}

    def _sheet(self, d: DemoSheet, orgs: Any, themes: Any, communes: Any, moderator: User) -> None:
        author = (
            Membership.objects.filter(organisation=orgs[d.org], role__in=Membership.STAFF_ROLES)
            .select_related("user")
            .first()
        )
        sheet, created = Initiative.objects.update_or_create(
            slug=d.slug,
            defaults={
                "title": d.title, "summary": d.summary, "solution_type": d.solution_type,
                "dimensions": d.dimensions, "stage": Initiative.Stage.RUNNING,
                "started_on": d.started, "budget": Decimal(d.budget) if d.budget else None,
                "funding": d.funding, "steps": d.steps, "results": d.results,
                "figures": d.figures, "lessons": d.lessons, "barriers": d.barriers,
                "keywords": DEMO_NOTE, "service_key": d.service_key,
                "organisation": orgs[d.org], "author": author.user if author else moderator,
                "status": Status.PUBLISHED, "moderated_by": moderator,
            },
        )  # fmt: skip
        if sheet.published_at is None:
            sheet.published_at = timezone.now()
            sheet.save(update_fields=["published_at"])
        sheet.themes.set([themes[t] for t in d.themes.split()])
        sheet.communes.set([communes[c] for c in d.communes.split() if c in communes])
        actor = Actor.objects.get(slug=d.org)
        InitiativeActor.objects.get_or_create(
            initiative=sheet, actor=actor, defaults={"role": _("Project holder")}
        )

    def _events(self, orgs: Any, communes: Any) -> int:
        today = timezone.localdate()
        rows = [
            ("Voyage d'étude Smart Village en Royans-Vercors", Event.Kind.VISIT, 12, 9, 17,
             "Saint-Jean-en-Royans, siège de la communauté de communes", "26307", 30,
             "cc-royans-vercors",
             "Visite des six initiatives des fiches d'expérience, rencontres avec les porteurs."),
            ("Atelier d'auto-évaluation Smart Village", Event.Kind.WORKSHOP, 20, 14, 17,
             "Centre social La Paz", "26074", 15, "la-paz",
             "Remplir ensemble le questionnaire des six dimensions et fixer les cibles."),
            ("Rencontre du réseau des tiers-lieux", Event.Kind.MEETING, 27, 18, 20,
             "La Jolie Colo", "38225", None, "la-jolie-colo", "Échanges entre lieux du réseau."),
        ]  # fmt: skip
        for title, kind, days, start, end, place, insee, capacity, org, text in rows:
            day = today + timedelta(days=days)
            Event.objects.update_or_create(
                title=title,
                defaults={
                    "kind": kind, "starts_at": _dt(day, start), "ends_at": _dt(day, end),
                    "place_name": place, "commune": communes.get(insee), "capacity": capacity,
                    "organiser": orgs[org], "description": text,
                },
            )  # fmt: skip
        return len(rows)

    def _resources(self, themes: Any, moderator: User) -> None:
        rows = [
            ("Programme Interreg Espace alpin", Resource.Kind.LINK,
             "https://www.alpine-space.eu/", "Interreg Alpine Space", "governance", "cooperation",
             "Le programme européen qui a financé le projet SmartVillages."),
            ("Calculer l'impact carbone d'un trajet", Resource.Kind.LINK,
             "https://impactco2.fr/", "ADEME", "mobility environment", "mobilite",
             "Les facteurs d'émission utilisés par la plateforme (Base Empreinte)."),
        ]  # fmt: skip
        for title, kind, url, author, dims, theme_slugs, text in rows:
            resource, _c = Resource.objects.update_or_create(
                title=title,
                defaults={
                    "kind": kind, "url": url, "author": author, "dimensions": dims,
                    "description": text, "added_by": moderator,
                },
            )  # fmt: skip
            resource.themes.set([themes[t] for t in theme_slugs.split()])

    def _assessments(self, orgs: Any, moderator: User) -> None:
        names = {
            "cc-royans-vercors": "Communauté de communes du Royans-Vercors",
            "cc-massif-du-vercors": "Communauté de communes du Massif du Vercors",
        }
        # The territory demo makes these areas with their communes; alone, the rows suffice.
        areas = {
            slug: ServiceArea.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in names.items()
        }
        plans = [
            ("cc-massif-du-vercors", date(2025, 11, 5),
             {"mobility": 3, "governance": 3, "economy": 4, "environment": 2, "living": 3,
              "people": 3}, {}),
            ("cc-royans-vercors", date(2026, 1, 20),
             {"mobility": 1, "governance": 2, "economy": 2, "environment": 3, "living": 2,
              "people": 2},
             {"mobility": 60, "governance": 60, "economy": 60, "environment": 80, "living": 60,
              "people": 60}),
        ]  # fmt: skip
        staff_org = orgs["cc-royans-vercors"]
        for slug, day, levels, targets in plans:
            by = Organisation.objects.filter(slug=slug).first() or staff_org
            assessment, _c = Assessment.objects.get_or_create(
                area=areas[slug], assessed_on=day, defaults={"organisation": by}
            )
            services.save_assessment(
                assessment, moderator, _answers(levels), targets, complete=True
            )
