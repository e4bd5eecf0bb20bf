"""Authorization matrix: impact. The organisation (a public body) runs a published challenge
and an event with its carpooling kit; the resident posted a carpool to it; a second factor
version waits to be made current."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from smartvillage.impact.models import CarpoolEvent, Challenge, EmissionFactorSet, EventCarpool
from tests.authz import PUBLIC, SIGNED_IN, STAFF, Entry

OWNER = "login ok 404 404 404 404"
# Switching the emission factors: platform staff and admins of a public body only.
FACTOR_ADMIN = "login 403 403 403 403 ok"


def build(world):
    month = timezone.localdate().replace(day=1)
    world.impact_challenge = Challenge.objects.create(
        organisation=world.org, title="1 000 km", slug="mille-km", metric="car_km_avoided",
        target=Decimal("1000"), first_month=month, last_month=month,
    )  # fmt: skip
    start = timezone.now() + timedelta(days=5)
    world.impact_event = CarpoolEvent.objects.create(
        organisation=world.org, slug="fete", title="Fête", starts_at=start,
        ends_at=start + timedelta(hours=4), place_name="Place", latitude=44.97, longitude=5.41,
    )  # fmt: skip
    world.impact_post = EventCarpool.objects.create(
        event=world.impact_event, user=world.resident, kind="request", direction="to",
        commune=world.commune, departure_at=start - timedelta(minutes=30),
    )  # fmt: skip
    world.impact_factors = EmissionFactorSet.objects.create(
        version="matrix-2027", source="Test", source_url="https://example.org/",
        source_date=date(2027, 1, 1),
    )  # fmt: skip


def _org_pk(attr):
    return lambda w: {"org": w.org.slug, "pk": getattr(w, attr).pk}


ENTRIES = {
    "impact:dashboard": Entry(get=PUBLIC),
    "impact:export_csv": Entry(get=PUBLIC),
    "impact:widget": Entry(get=PUBLIC),
    "impact:widget_commune": Entry(get=PUBLIC, kwargs=lambda w: {"insee_code": "26074"}),
    "impact:mine": Entry(get=SIGNED_IN),
    "impact:factors": Entry(get=PUBLIC),
    "impact:make_current": Entry(post=FACTOR_ADMIN, kwargs=lambda w: {"pk": w.impact_factors.pk}),
    "impact:challenges": Entry(get=PUBLIC),
    "impact:challenge": Entry(get=PUBLIC, kwargs=lambda w: {"slug": "mille-km"}),
    "impact:join": Entry(post=SIGNED_IN, kwargs=lambda w: {"slug": "mille-km"}),
    "impact:leave": Entry(post=SIGNED_IN, kwargs=lambda w: {"slug": "mille-km"}),
    "impact:challenge_new": Entry(get=STAFF, post=STAFF, kwargs=lambda w: {"org": w.org.slug}),
    "impact:challenge_edit": Entry(get=STAFF, post=STAFF, kwargs=_org_pk("impact_challenge")),
    "impact:events": Entry(get=PUBLIC),
    "impact:event": Entry(get=PUBLIC, kwargs=lambda w: {"slug": "fete"}),
    "impact:post_carpool": Entry(post=SIGNED_IN, kwargs=lambda w: {"slug": "fete"}),
    "impact:withdraw_carpool": Entry(
        post=OWNER, kwargs=lambda w: {"slug": "fete", "pk": w.impact_post.pk}
    ),
    "impact:event_new": Entry(get=STAFF, post=STAFF, kwargs=lambda w: {"org": w.org.slug}),
    "impact:event_edit": Entry(get=STAFF, post=STAFF, kwargs=_org_pk("impact_event")),
    "impact:ride_home": Entry(get=SIGNED_IN, post=SIGNED_IN),
    "api/v1/impact/monthly": Entry(get=PUBLIC),
    "api/v1/impact/factors": Entry(get=PUBLIC),
}
