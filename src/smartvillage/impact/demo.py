"""The impact demo data (load_impact_demo)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from smartvillage.accounts.models import Organisation, User
from smartvillage.core import indicators
from smartvillage.impact import services
from smartvillage.impact.models import CarpoolEvent, Challenge, Participation
from smartvillage.territory.models import Commune

# The Royans and the Vercors drômois (communauté de communes du Royans-Vercors).
ROYANS = ["26307", "26302", "26311", "26223", "26320", "26331", "26074", "26315", "26364", "26290"]


@transaction.atomic
def load() -> str:
    park = Organisation.objects.filter(slug="parc-du-vercors").first()
    if park is None:
        park, _ = Organisation.objects.get_or_create(
            slug="parc-du-vercors",
            defaults={"name": "Parc naturel régional du Vercors",
                      "kind": Organisation.Kind.PUBLIC_BODY},
        )  # fmt: skip
    today = timezone.localdate()
    month = indicators.month_start(today)
    challenge, _ = Challenge.objects.update_or_create(
        slug="km-sans-voiture",
        defaults={
            "organisation": park,
            "title": "1 000 km sans voiture ce mois-ci",
            "description": "Covoiturage, auto-stop organisé, transport à la demande, télétravail "
            "en tiers-lieu : chaque kilomètre de voiture évité compte.",
            "metric": Challenge.Metric.CAR_KM_AVOIDED,
            "target": Decimal("1000"),
            "first_month": month,
            "last_month": month,
        },
    )
    challenge.communes.set(Commune.objects.filter(insee_code__in=ROYANS))
    for user in User.objects.filter(email__in=["resident@example.org", "driver@example.org"]):
        Participation.objects.get_or_create(
            challenge=challenge, user=user, defaults={"commune": user.commune}
        )
    day = today + timedelta(days=10)
    tz = timezone.get_current_timezone()
    CarpoolEvent.objects.update_or_create(
        slug="fete-du-bleu",
        defaults={
            "organisation": park,
            "title": "Fête du bleu du Vercors",
            "starts_at": datetime.combine(day, time(10), tzinfo=tz),
            "ends_at": datetime.combine(day, time(18), tzinfo=tz),
            "place_name": "Place du village, Villard-de-Lans",
            "latitude": 45.0714,
            "longitude": 5.5531,
        },
    )
    result = services.recompute()
    return (
        f"impact: {result.rows} monthly rows, {result.member_rows} member rows "
        f"(factors {result.factor_version})"
    )
