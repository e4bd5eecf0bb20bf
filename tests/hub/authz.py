"""Authorization matrix: the hub. The organisation (the park, a public body) is the territory:
its staff and admin moderate, run the agenda, the library and the self-assessments. The
resident has a listed entry, a published sheet, a draft and one in review."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from smartvillage.hub.models import (
    Actor,
    Assessment,
    Event,
    Initiative,
    InitiativePhoto,
    Resource,
    Status,
    Theme,
)
from tests.authz import OWNER, PUBLIC, SIGNED_IN, Entry, png_bytes

# Territory staff: admins and operators of a public body (the other operator's organisation
# is an association); everybody else signed in is refused.
TERRITORY_STAFF = "login 403 403 403 ok ok"
# Another person's draft: invisible (404) to people who may not moderate it; moderators may
# read it but not edit it (403).
SHEET_EDITOR = "login ok 404 404 403 403"


def build(world):
    theme = Theme.objects.create(slug="mobilite", name="Mobilité", dimension="mobility")
    actor = Actor.objects.create(
        kind=Actor.Kind.PERSON, name="Résidente Conseil", slug="residente", owner=world.resident,
        consent_listed=True, helps_on="mobility",
    )  # fmt: skip

    def sheet(slug, status):
        return Initiative.objects.create(
            title=slug, slug=slug, summary="Résumé", solution_type="service",
            dimensions="mobility", author=world.resident, status=status,
            published_at=timezone.now() if status == Status.PUBLISHED else None,
        )  # fmt: skip

    start = timezone.now() + timedelta(days=5)
    event = Event.objects.create(
        title="Voyage d'étude", kind=Event.Kind.VISIT, starts_at=start,
        ends_at=start + timedelta(hours=6), place_name="La Chapelle", capacity=20,
    )  # fmt: skip
    resource = Resource.objects.create(title="Guide", kind="link", url="https://example.org/g")
    assessment = Assessment.objects.create(
        commune=world.commune, organisation=world.org, completed=True,
        scores={"mobility": 40}, answers={"mob_offer": 2},
    )  # fmt: skip
    draft = sheet("brouillon", Status.DRAFT)
    photo = InitiativePhoto(initiative=draft, alt_text="L'arrêt")
    photo.image.save("arret.png", ContentFile(png_bytes()))
    world.hub = dict(
        theme=theme, actor=actor, published=sheet("publiee", Status.PUBLISHED),
        draft=draft, photo=photo, review=sheet("en-revue", Status.REVIEW),
        event=event, resource=resource, assessment=assessment,
    )  # fmt: skip


def _slug(name):
    return lambda w: {"slug": w.hub[name].slug}


def _pk(name):
    return lambda w: {"pk": w.hub[name].pk}


ENTRIES = {
    "hub:home": Entry(get=PUBLIC),
    "hub:search": Entry(get=PUBLIC, query=lambda w: {"q": "mobilité"}),
    "hub:my_entries": Entry(get=SIGNED_IN),
    "hub:actors": Entry(get=PUBLIC),
    "hub:actors_csv": Entry(get=PUBLIC),
    "hub:actors_geojson": Entry(get=PUBLIC),
    "hub:actor_new": Entry(get=SIGNED_IN, post=SIGNED_IN, data=lambda w: {"name": ""}),
    "hub:actor": Entry(get=PUBLIC, kwargs=_slug("actor")),
    # An actor edits only its own entry.
    "hub:actor_edit": Entry(get=OWNER, post=OWNER, kwargs=_slug("actor")),
    "hub:initiatives": Entry(get=PUBLIC),
    "hub:initiatives_csv": Entry(get=PUBLIC),
    "hub:initiative_new": Entry(get=SIGNED_IN, post=SIGNED_IN, data=lambda w: {"title": ""}),
    "hub:moderation": Entry(get=TERRITORY_STAFF),
    "hub:initiative": Entry(get=PUBLIC, kwargs=_slug("published")),
    "hub:initiative_edit": Entry(get=SHEET_EDITOR, post=SHEET_EDITOR, kwargs=_slug("draft")),
    "hub:initiative_submit": Entry(post=SHEET_EDITOR, kwargs=_slug("draft")),
    "hub:photo_delete": Entry(
        post=SHEET_EDITOR, kwargs=lambda w: {"slug": w.hub["draft"].slug, "pk": w.hub["photo"].pk}
    ),
    "hub:publish": Entry(post=TERRITORY_STAFF, kwargs=_slug("review")),
    "hub:send_back": Entry(
        post=TERRITORY_STAFF, kwargs=_slug("review"), data=lambda w: {"note": "À compléter"}
    ),
    "hub:unpublish": Entry(
        post=TERRITORY_STAFF, kwargs=_slug("published"), data=lambda w: {"note": "Erreur"}
    ),
    "hub:agenda": Entry(get=PUBLIC),
    "hub:agenda_ics": Entry(get=PUBLIC),
    "hub:event_new": Entry(get=TERRITORY_STAFF, post=TERRITORY_STAFF, data=lambda w: {}),
    "hub:event": Entry(get=PUBLIC, kwargs=_pk("event")),
    "hub:register": Entry(post=SIGNED_IN, kwargs=_pk("event"), data=lambda w: {"seats": 1}),
    "hub:unregister": Entry(post=SIGNED_IN, kwargs=_pk("event")),
    "hub:event_registrations": Entry(get=TERRITORY_STAFF, kwargs=_pk("event")),
    "hub:resources": Entry(get=PUBLIC),
    "hub:resource_new": Entry(get=TERRITORY_STAFF, post=TERRITORY_STAFF, data=lambda w: {}),
    "hub:assessments": Entry(get=PUBLIC),
    "hub:assessment_new": Entry(get=TERRITORY_STAFF, post=TERRITORY_STAFF, data=lambda w: {}),
    "hub:assessment": Entry(get=PUBLIC, kwargs=_pk("assessment")),
    # The staff of the organisation that ran it edit it.
    "hub:assessment_edit": Entry(
        get=TERRITORY_STAFF, post=TERRITORY_STAFF, kwargs=_pk("assessment")
    ),
}

ENTRIES.update(
    {
        "api/v1/hub/actors": Entry(get=PUBLIC),
        "api/v1/hub/initiatives": Entry(get=PUBLIC),
        "api/v1/hub/initiatives/<slug>": Entry(get=PUBLIC, kwargs=_slug("published")),
        "api/v1/hub/events": Entry(get=PUBLIC),
        "api/v1/hub/resources": Entry(get=PUBLIC),
        "api/v1/hub/assessments": Entry(get=PUBLIC),
        "api/v1/hub/search": Entry(get=PUBLIC, query=lambda w: {"q": "mobilité"}),
    }
)
