"""Registration, the relay's ID check, member cards (signed QR codes), vehicles and stops."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from smartvillage.accounts.models import Membership
from smartvillage.core import audit
from smartvillage.rideshare import conf
from smartvillage.rideshare.models import Member, Relay, Stop, Vehicle, age_on
from smartvillage.territory.models import Commune, Place, ServiceArea

ERRORS = {
    "already": _("You are already registered."),
    "too_young": _("Members must be at least %(age)s years old.") % {"age": conf.MIN_AGE},
    "birth_future": _("The date of birth is in the future."),
    "guardian": _("A member under 18 needs the consent of a parent or guardian."),
    "charter": _("Accept the charter to join."),
    "plate": _("Enter a number plate such as AB-123-CD."),
    "outside": _("This point is outside the territory served by the network."),
    "id_document": _("Choose the ID document you checked."),
}
#: French plates (SIV "AB-123-CD", older FNI "1234 AB 26"); foreign plates: 2–10 letters/digits.
PLATE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,11}$")
CARD_SALT = "rideshare.card"


def relays_of(user: Any) -> list[Relay]:
    """Relays where the user is staff (organisation admin or operator)."""
    return list(
        Relay.objects.filter(
            is_active=True,
            organisation__memberships__user_id=getattr(user, "pk", None) or 0,
            organisation__memberships__role__in=Membership.STAFF_ROLES,
        ).select_related("organisation")
    )


def register(
    user: Any,
    *,
    birth_date: date,
    accept_charter: bool,
    guardian_name: str = "",
    guardian_consent: bool = False,
    is_driver: bool = False,
    relay: Relay | None = None,
    photo: Any = None,
    today: date | None = None,
) -> Member:
    today = today or timezone.localdate()
    errors: dict[str, list[Any]] = {}
    if Member.objects.filter(user=user).exists():
        raise ValidationError({"__all__": [ERRORS["already"]]})
    if birth_date > today:
        errors["birth_date"] = [ERRORS["birth_future"]]
    elif age_on(birth_date, today) < conf.MIN_AGE:
        errors["birth_date"] = [ERRORS["too_young"]]
    elif age_on(birth_date, today) < conf.ADULT_AGE and not (
        guardian_consent and guardian_name.strip()
    ):
        errors["guardian_name"] = [ERRORS["guardian"]]
    if not accept_charter:
        errors["accept_charter"] = [ERRORS["charter"]]
    if errors:
        raise ValidationError(errors)
    minor = age_on(birth_date, today) < conf.ADULT_AGE
    with transaction.atomic():
        member = Member.objects.create(
            user=user,
            birth_date=birth_date,
            guardian_name=guardian_name.strip() if minor else "",
            guardian_consent_at=timezone.now() if minor else None,
            charter_version=conf.CHARTER_VERSION,
            charter_accepted_at=timezone.now(),
            is_driver=is_driver,
            relay=relay,
            photo=photo or "",
        )
        audit.record(user, "rideshare.member.registered", member, minor=minor)
    return member


def validate(actor: Any, member: Member, id_document: str) -> bool:
    """The relay checked the ID document: the member may use the network. False: no change."""
    if id_document not in Member.IdDocument.values:
        raise ValidationError({"id_document": [ERRORS["id_document"]]})
    if member.status == Member.Status.VALIDATED:
        return False
    with transaction.atomic():
        member.status = Member.Status.VALIDATED
        member.id_document = id_document
        member.validated_by = actor
        member.validated_at = timezone.now()
        member.suspended_reason = ""
        member.save(
            update_fields=[
                "status", "id_document", "validated_by", "validated_at", "suspended_reason"
            ]
        )  # fmt: skip
        audit.record(actor, "rideshare.member.validated", member, document=id_document)
    return True


def suspend(actor: Any, member: Member, reason: str) -> bool:
    if member.status == Member.Status.SUSPENDED:
        return False
    with transaction.atomic():
        member.status = Member.Status.SUSPENDED
        member.suspended_reason = reason[:250]
        member.card_version += 1  # printed cards stop verifying
        member.save(update_fields=["status", "suspended_reason", "card_version"])
        audit.record(actor, "rideshare.member.suspended", member)
    return True


# --- Member card: a signed token in a public URL --------------------------------------------


def card_token(member: Member) -> str:
    """Signed (SECRET_KEY, salt) and timestamped: forged or altered tokens fail to verify."""
    return signing.dumps({"m": member.pk, "v": member.card_version}, salt=CARD_SALT, compress=True)


@dataclass(frozen=True)
class CardCheck:
    valid: bool
    reason: str
    number: str = ""
    expires: datetime | None = None


def verify_card(token: str, now: datetime | None = None) -> CardCheck:
    """What anyone scanning the card learns: valid or not, the number, until when. No name."""
    max_age = timedelta(days=conf.card_days())
    try:
        data = signing.loads(token, salt=CARD_SALT, max_age=max_age)
    except signing.SignatureExpired:
        return CardCheck(False, str(_("This card has expired: ask for a new one at a relay.")))
    except signing.BadSignature:
        return CardCheck(False, str(_("This card is not genuine: its code was not issued by us.")))
    if not isinstance(data, dict):
        return CardCheck(False, str(_("This card is not genuine: its code was not issued by us.")))
    pk = data.get("m")
    member = Member.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if member is None or member.card_version != data.get("v"):
        return CardCheck(False, str(_("This card has been replaced or withdrawn.")))
    if member.status != Member.Status.VALIDATED:
        return CardCheck(False, str(_("This member may not use the network at the moment.")))
    # The token is "payload:timestamp:signature"; the signature covered the timestamp.
    timestamp = signing.b62_decode(token.split(":")[-2])
    expires = datetime.fromtimestamp(timestamp, tz=timezone.get_current_timezone()) + max_age
    return CardCheck(True, str(_("Valid member card.")), member.number, expires)


# --- Vehicles -----------------------------------------------------------------------------


def add_vehicle(member: Member, *, plate: str, colour: str, model: str) -> Vehicle:
    clean = plate.upper().replace(" ", "-").strip("-")
    if not PLATE.match(clean) or sum(c.isalnum() for c in clean) < 2:
        raise ValidationError({"plate": [ERRORS["plate"]]})
    with transaction.atomic():
        vehicle = Vehicle.objects.create(owner=member, plate=clean, colour=colour, model=model)
        if not member.is_driver:
            member.is_driver = True
            member.save(update_fields=["is_driver"])
        audit.record(
            member.user, "rideshare.vehicle.added", vehicle, sticker=vehicle.sticker_number
        )
    return vehicle


# --- Stops ----------------------------------------------------------------------------------


def territory_communes() -> Any:
    slug = conf.service_area()
    if slug:
        area = ServiceArea.objects.filter(slug=slug).first()
        return area.communes.all() if area else Commune.objects.none()
    return Commune.objects.all()


def commune_at(latitude: float, longitude: float) -> Commune | None:
    """The nearest commune centre of the territory within ``RIDESHARE_STOP_MAX_KM``, or None."""
    limit = conf.stop_max_km()
    box = limit / 111.0
    near = territory_communes().filter(
        latitude__range=(latitude - box, latitude + box),
        longitude__range=(longitude - box * 1.5, longitude + box * 1.5),
    )
    best, best_km = None, limit
    for commune in near:
        dy = (commune.latitude - latitude) * 111.2
        dx = (commune.longitude - longitude) * 111.2 * math.cos(math.radians(latitude))
        distance = math.hypot(dx, dy)
        if distance <= best_km:
            best, best_km = commune, distance
    return best


def create_stop(
    actor: Any,
    relay: Relay | None,
    *,
    name: str,
    latitude: float,
    longitude: float,
    directions: str,
    has_shelter: bool = False,
    wheelchair_accessible: bool = False,
    accessibility: str = "",
    photo: Any = None,
) -> Stop:
    commune = commune_at(latitude, longitude)
    if commune is None:
        raise ValidationError({"latitude": [ERRORS["outside"]], "longitude": [ERRORS["outside"]]})
    with transaction.atomic():
        base = slugify(f"arret-{name}")[:140] or "arret"
        slug, n = base, 1
        while Place.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        place = Place.objects.create(
            name=name,
            slug=slug,
            kind=Place.Kind.STOP,
            latitude=latitude,
            longitude=longitude,
            commune=commune,
        )
        stop = Stop.objects.create(
            place=place,
            relay=relay,
            directions=directions,
            has_shelter=has_shelter,
            wheelchair_accessible=wheelchair_accessible,
            accessibility=accessibility,
            photo=photo or "",
        )
        audit.record(actor, "rideshare.stop.created", stop)
    return stop
