"""The demo territory: the Vercors, its real organisations, and invented people.

Everything is keyed (INSEE codes, slugs, emails) so loading twice changes nothing. The people
are invented; the organisations, communes and service areas are real. Coordinates are
approximate village centres (to a few hundred metres, not surveyed): good enough for a demo map
and for travel-time estimates, to be corrected from the BAN or OpenStreetMap by a territory
that goes live.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartvillage.accounts.models import Membership, Organisation, User
from smartvillage.territory.models import Commune, Place, ServiceArea

DEMO_PASSWORD = "vercors-demo"  # demo only: printed by load_demo, never use it elsewhere

# INSEE codes, from territory/data/communes_38_26.csv.
LA_CHAPELLE = "26074"
VASSIEUX = "26364"
SAINT_AGNAN = "26290"
SAINT_JULIEN = "26309"
SAINT_MARTIN = "26315"
SAINT_JEAN_EN_ROYANS = "26307"
VILLARD_DE_LANS = "38548"
AUTRANS_MEAUDRE = "38225"
LANS_EN_VERCORS = "38205"
PONT_EN_ROYANS = "38319"


@dataclass(frozen=True)
class DemoPlace:
    slug: str
    name: str
    kind: str
    insee_code: str
    latitude: float
    longitude: float
    address: str = ""
    description: str = ""


Kind = Place.Kind
PLACES = [
    # Town halls: approximate village centres (see the module docstring).
    DemoPlace("mairie-la-chapelle-en-vercors", "Mairie de La Chapelle-en-Vercors", Kind.TOWN_HALL,
              LA_CHAPELLE, 44.9697, 5.4153),
    DemoPlace("mairie-vassieux-en-vercors", "Mairie de Vassieux-en-Vercors", Kind.TOWN_HALL,
              VASSIEUX, 44.8956, 5.3711),
    # Less sure of this one: the village lies on the D518 south of La Chapelle.
    DemoPlace("mairie-saint-agnan-en-vercors", "Mairie de Saint-Agnan-en-Vercors", Kind.TOWN_HALL,
              SAINT_AGNAN, 44.9350, 5.4300),
    DemoPlace("mairie-saint-julien-en-vercors", "Mairie de Saint-Julien-en-Vercors", Kind.TOWN_HALL,
              SAINT_JULIEN, 45.0517, 5.4500),
    DemoPlace("mairie-saint-martin-en-vercors", "Mairie de Saint-Martin-en-Vercors", Kind.TOWN_HALL,
              SAINT_MARTIN, 45.0233, 5.4439),
    DemoPlace("mairie-villard-de-lans", "Mairie de Villard-de-Lans", Kind.TOWN_HALL,
              VILLARD_DE_LANS, 45.0714, 5.5525),
    # The town hall of the merged commune is in Autrans.
    DemoPlace("mairie-autrans-meaudre-en-vercors", "Mairie d'Autrans-Méaudre en Vercors",
              Kind.TOWN_HALL, AUTRANS_MEAUDRE, 45.1750, 5.5433),
    DemoPlace("mairie-lans-en-vercors", "Mairie de Lans-en-Vercors", Kind.TOWN_HALL,
              LANS_EN_VERCORS, 45.1283, 5.5889),
    DemoPlace("mairie-pont-en-royans", "Mairie de Pont-en-Royans", Kind.TOWN_HALL,
              PONT_EN_ROYANS, 45.0614, 5.3417),
    DemoPlace("mairie-saint-jean-en-royans", "Mairie de Saint-Jean-en-Royans", Kind.TOWN_HALL,
              SAINT_JEAN_EN_ROYANS, 45.0197, 5.2917),
    # Other places.
    DemoPlace("marche-la-chapelle-en-vercors", "Place du marché de La Chapelle-en-Vercors",
              Kind.SHOP, LA_CHAPELLE, 44.9700, 5.4160,
              description="Marché hebdomadaire au centre du village."),
    # Approximate: beside the road into Autrans village (the former "L'Echarlière" camp).
    DemoPlace("la-jolie-colo", "La Jolie Colo", Kind.THIRD_PLACE, AUTRANS_MEAUDRE, 45.1700, 5.5390,
              description="Tiers-lieu dans une ancienne colonie de vacances : ateliers, bureaux "
              "partagés, salle de création."),
    # A demo health centre: the position is the village centre, not a real address.
    DemoPlace("sante-la-chapelle-en-vercors", "Centre de santé (démo) de La Chapelle-en-Vercors",
              Kind.HEALTH, LA_CHAPELLE, 44.9705, 5.4135,
              description="Lieu de démonstration : adresse non vérifiée."),
    DemoPlace("maison-du-parc-lans-en-vercors", "Maison du Parc du Vercors", Kind.SERVICE,
              LANS_EN_VERCORS, 45.1285, 5.5870,
              description="Siège du Parc naturel régional du Vercors."),
    # Stops: demo stops at the village centres, not the operator's stop list.
    DemoPlace("arret-la-chapelle-centre", "La Chapelle-en-Vercors – Centre", Kind.STOP,
              LA_CHAPELLE, 44.9703, 5.4142),
    DemoPlace("arret-villard-de-lans-gare-routiere", "Villard-de-Lans – Gare routière", Kind.STOP,
              VILLARD_DE_LANS, 45.0708, 5.5560),
    DemoPlace("arret-saint-jean-en-royans-centre", "Saint-Jean-en-Royans – Centre", Kind.STOP,
              SAINT_JEAN_EN_ROYANS, 45.0190, 5.2930),
    DemoPlace("arret-pont-en-royans-centre", "Pont-en-Royans – Centre", Kind.STOP,
              PONT_EN_ROYANS, 45.0625, 5.3430),
    DemoPlace("arret-vassieux-centre", "Vassieux-en-Vercors – Centre", Kind.STOP,
              VASSIEUX, 44.8960, 5.3720),
]  # fmt: skip


@dataclass(frozen=True)
class DemoArea:
    slug: str
    name: str
    description: str
    insee_codes: tuple[str, ...]


# Source: the CC's 18 member communes (its former "Pays du Royans" (13) and "Vercors" (5)
# communities, per their Wikipedia articles / BANATIC).
ROYANS_VERCORS = (
    "26059",  # Bouvante
    "26066",  # Le Chaffal
    "26074",  # La Chapelle-en-Vercors
    "26117",  # Échevis
    "26163",  # Léoncel
    "26217",  # La Motte-Fanjas
    "26223",  # Oriol-en-Royans
    "26270",  # Rochechinard
    "26290",  # Saint-Agnan-en-Vercors
    "26302",  # Sainte-Eulalie-en-Royans
    "26307",  # Saint-Jean-en-Royans
    "26309",  # Saint-Julien-en-Vercors
    "26311",  # Saint-Laurent-en-Royans
    "26315",  # Saint-Martin-en-Vercors
    "26316",  # Saint-Martin-le-Colonel
    "26320",  # Saint-Nazaire-en-Royans
    "26331",  # Saint-Thomas-en-Royans
    "26364",  # Vassieux-en-Vercors
)
MASSIF_DU_VERCORS = (
    "38225",  # Autrans-Méaudre en Vercors
    "38129",  # Corrençon-en-Vercors
    "38153",  # Engins
    "38205",  # Lans-en-Vercors
    "38433",  # Saint-Nizier-du-Moucherotte
    "38548",  # Villard-de-Lans
)
# Source: parc-du-vercors.fr, "Le périmètre et les chiffres clés": the 83 communes of the
# park (some only partly classified). The 2024-2039 charter adds about fifteen communes that
# are not listed here yet.
PARC_DU_VERCORS = (
    "26035", "26059", "26066", "26069", "26074", "26086", "26100", "26113", "26117", "26141",
    "26142", "26159", "26163", "26168", "26175", "26217", "26221", "26223", "26240", "26246",
    "26270", "26282", "26290", "26291", "26299", "26302", "26307", "26308", "26309", "26311",
    "26315", "26316", "26320", "26331", "26359", "26364", "38018", "38036", "38090", "38092",
    "38103", "38108", "38111", "38113", "38117", "38129", "38153", "38169", "38186", "38187",
    "38195", "38205", "38216", "38225", "38235", "38243", "38248", "38281", "38301", "38319",
    "38322", "38333", "38338", "38345", "38355", "38356", "38390", "38391", "38409", "38419",
    "38429", "38433", "38436", "38438", "38443", "38450", "38453", "38474", "38485", "38486",
    "38524", "38540", "38548",
)  # fmt: skip

AREAS = [
    DemoArea(
        "cc-royans-vercors",
        "Communauté de communes du Royans-Vercors",
        "Intercommunalité de la Drôme (siège : Saint-Jean-en-Royans), 18 communes.",
        ROYANS_VERCORS,
    ),
    DemoArea(
        "cc-massif-du-vercors",
        "Communauté de communes du Massif du Vercors",
        "Intercommunalité de l'Isère (siège : Villard-de-Lans), 6 communes des Quatre Montagnes.",
        MASSIF_DU_VERCORS,
    ),
    DemoArea(
        "parc-du-vercors",
        "Parc naturel régional du Vercors",
        "Périmètre du Parc naturel régional du Vercors (Drôme et Isère), 83 communes.",
        PARC_DU_VERCORS,
    ),
]


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    kind: str
    insee_code: str | None
    description: str
    website: str = ""


OrgKind = Organisation.Kind
ORGANISATIONS = [
    DemoOrganisation(
        "la-paz",
        "Centre social La Paz",
        OrgKind.ASSOCIATION,
        LA_CHAPELLE,
        "Centre social associatif du Vercors drômois, à La Chapelle-en-Vercors : accueil des "
        "habitants, activités pour tous les âges, soutien aux initiatives locales.",
    ),
    DemoOrganisation(
        "vercors-soleil",
        "Vercors Soleil",
        OrgKind.COOPERATIVE,
        None,
        "Société citoyenne d'énergie renouvelable : des habitants du Vercors financent et "
        "exploitent ensemble des centrales solaires locales.",
    ),
    DemoOrganisation(
        "parc-du-vercors",
        "Parc naturel régional du Vercors",
        OrgKind.PUBLIC_BODY,
        LANS_EN_VERCORS,
        "Parc naturel régional créé en 1970, à cheval sur la Drôme et l'Isère ; la Maison du "
        "Parc est à Lans-en-Vercors.",
        "https://parc-du-vercors.fr/",
    ),
    DemoOrganisation(
        "la-jolie-colo",
        "La Jolie Colo",
        OrgKind.THIRD_PLACE,
        AUTRANS_MEAUDRE,
        "Tiers-lieu d'Autrans-Méaudre en Vercors installé dans une ancienne colonie de "
        "vacances : artisans, entreprises et artistes en résidence.",
    ),
    DemoOrganisation(
        "uto-pic",
        "UTO-PIC",
        OrgKind.ASSOCIATION,
        None,
        "Réseau des espaces de coworking du Vercors nord.",
    ),
    DemoOrganisation(
        "cc-royans-vercors",
        "Communauté de communes du Royans-Vercors",
        OrgKind.PUBLIC_BODY,
        SAINT_JEAN_EN_ROYANS,
        "Intercommunalité de 18 communes de la Drôme, siège à Saint-Jean-en-Royans.",
        "https://www.cc-royans-vercors.org/",
    ),
    DemoOrganisation(
        "cc-massif-du-vercors",
        "Communauté de communes du Massif du Vercors",
        OrgKind.PUBLIC_BODY,
        VILLARD_DE_LANS,
        "Intercommunalité des six communes des Quatre Montagnes, siège à Villard-de-Lans.",
    ),
]


@dataclass(frozen=True)
class DemoUser:
    email: str
    first_name: str
    last_name: str
    role_label: str | Promise
    organisation: str | None = None  # slug
    role: str | None = None
    insee_code: str | None = None
    superuser: bool = False


Role = Membership.Role
# Invented people. example.org is reserved for examples (RFC 2606): no mail reaches anyone.
USERS = [
    DemoUser("admin@example.org", "Admin", "Plateforme", _("platform superuser"), superuser=True),
    DemoUser("orgadmin@example.org", "Élise", "Garnier", _("organisation admin"),
             "la-paz", Role.ADMIN, LA_CHAPELLE),
    DemoUser("operator@example.org", "Julien", "Faure", _("operator"),
             "la-paz", Role.OPERATOR, SAINT_AGNAN),
    DemoUser("driver@example.org", "Marie-Thérèse", "Rey", _("volunteer driver"),
             "la-paz", Role.DRIVER, VASSIEUX),
    DemoUser("resident@example.org", "Lucas", "Blanc", _("resident"),
             "la-paz", Role.MEMBER, SAINT_MARTIN),
    DemoUser("energy@example.org", "Nadia", "Roche", _("member"),
             "vercors-soleil", Role.MEMBER, VILLARD_DE_LANS),
    DemoUser("thirdplace@example.org", "Théo", "Bonnet", _("third-place manager"),
             "la-jolie-colo", Role.ADMIN, AUTRANS_MEAUDRE),
]  # fmt: skip


class MissingCommunes(Exception):
    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        super().__init__(", ".join(codes))


def needed_insee_codes() -> set[str]:
    codes = {place.insee_code for place in PLACES}
    codes.update(code for area in AREAS for code in area.insee_codes)
    codes.update(org.insee_code for org in ORGANISATIONS if org.insee_code)
    codes.update(user.insee_code for user in USERS if user.insee_code)
    return codes


@transaction.atomic
def load_demo_territory() -> list[DemoUser]:
    """Create or update the demo places, areas, organisations and users. Needs the communes."""
    communes = {
        c.insee_code: c for c in Commune.objects.filter(insee_code__in=needed_insee_codes())
    }
    missing = sorted(needed_insee_codes() - communes.keys())
    if missing:
        raise MissingCommunes(missing)

    for place in PLACES:
        Place.objects.update_or_create(
            slug=place.slug,
            defaults={
                "name": place.name,
                "kind": place.kind,
                "commune": communes[place.insee_code],
                "latitude": place.latitude,
                "longitude": place.longitude,
                "address": place.address,
                "description": place.description,
            },
        )
    for area in AREAS:
        service_area, _created = ServiceArea.objects.update_or_create(
            slug=area.slug, defaults={"name": area.name, "description": area.description}
        )
        service_area.communes.set([communes[code] for code in area.insee_codes])

    organisations = {}
    for org in ORGANISATIONS:
        organisations[org.slug], _created = Organisation.objects.update_or_create(
            slug=org.slug,
            defaults={
                "name": org.name,
                "kind": org.kind,
                "description": org.description,
                "website": org.website,
                "commune": communes[org.insee_code] if org.insee_code else None,
            },
        )

    for person in USERS:
        user, _created = User.objects.update_or_create(
            email=person.email,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "commune": communes[person.insee_code] if person.insee_code else None,
                "is_staff": person.superuser,
                "is_superuser": person.superuser,
                "is_active": True,
            },
        )
        # Checked first so a second run does not rehash (Argon2 is slow on purpose).
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        # allauth refuses to log in an unverified address (ACCOUNT_EMAIL_VERIFICATION).
        EmailAddress.objects.update_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
        if person.organisation and person.role:
            Membership.objects.update_or_create(
                user=user,
                organisation=organisations[person.organisation],
                defaults={"role": person.role},
            )
    return USERS
