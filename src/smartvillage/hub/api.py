"""Hub API (/api/v1/hub/): public, read-only open data — listed actors, published sheets
(with the live figures of their service), upcoming network events, resources, completed
self-assessments and the search. Writing happens in the pages (moderated)."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from smartvillage.core.openapi import example
from smartvillage.hub import api_examples as ex
from smartvillage.hub import live
from smartvillage.hub.models import Actor, Assessment, Event, Initiative, Resource, words
from smartvillage.hub.search import filter_text
from smartvillage.hub.search import search as run_search
from smartvillage.territory.api import Pagination

router = Router(tags=["hub"])


class HubActorFilters(Schema):
    q: str | None = Field(None, max_length=100)
    role: str | None = Field(None, pattern=r"^[a-z_]{1,20}$")
    dimension: str | None = Field(None, pattern=r"^[a-z_]{1,20}$")


class HubInitiativeFilters(Schema):
    q: str | None = Field(None, max_length=100)
    dimension: str | None = Field(None, pattern=r"^[a-z_]{1,20}$")


class HubSearchQuery(Schema):
    q: str = Field(..., min_length=1, max_length=100)


class HubActorOut(Schema):
    slug: str
    name: str
    kind: str
    roles: list[str]
    helps_on: list[str]
    insee_codes: list[str]
    email: str
    phone: str
    website: str


def _actor(a: Actor) -> dict[str, Any]:
    contact = a.public_contact()
    return {
        "slug": a.slug, "name": a.name, "kind": a.kind, "roles": words(a.roles),
        "helps_on": words(a.helps_on), "insee_codes": [c.insee_code for c in a.communes.all()],
        "email": contact.get("email", ""), "phone": contact.get("phone", ""),
        "website": contact.get("website", ""),
    }  # fmt: skip


@router.get(
    "/actors",
    response=list[HubActorOut],
    summary="Listed actors (open data)",
    openapi_extra=example(ex.ACTORS),
)
@paginate(Pagination)
def actors(request: HttpRequest, filters: Query[HubActorFilters]) -> Any:  # fmt: skip
    rows = Actor.objects.listed().prefetch_related("communes").order_by("name")
    if filters.role:
        rows = rows.filter(roles__contains=filters.role)
    if filters.dimension:
        rows = rows.filter(helps_on__contains=filters.dimension)
    return [_actor(a) for a in filter_text(rows, filters.q or "")]


class HubFigureOut(Schema):
    label: str
    value: int | float | str
    unit: str


class HubInitiativeOut(Schema):
    slug: str
    title: str
    summary: str
    solution_type: str
    dimensions: list[str]
    insee_codes: list[str]
    stage: str
    started_on: date | None
    organisation: str | None
    published_at: datetime | None


class HubInitiativeActorOut(Schema):
    name: str
    role: str
    slug: str | None  # None: the actor is not listed in the public directory


class HubInitiativeDetailOut(HubInitiativeOut):
    actors: list[HubInitiativeActorOut]
    steps: str
    results: str
    figures: list[HubFigureOut]
    lessons: str
    barriers: str
    partners_sought: str
    budget_eur: int | None
    funding: str
    service: str | None
    live_figures: list[HubFigureOut]


def _sheet(s: Initiative) -> dict[str, Any]:
    return {
        "slug": s.slug, "title": s.title, "summary": s.summary,
        "solution_type": s.solution_type, "dimensions": s.dimension_list,
        "insee_codes": [c.insee_code for c in s.communes.all()], "stage": s.stage,
        "started_on": s.started_on,
        "organisation": s.organisation.name if s.organisation else None,
        "published_at": s.published_at,
    }  # fmt: skip


@router.get(
    "/initiatives",
    response=list[HubInitiativeOut],
    summary="Published sheets",
    openapi_extra=example(ex.SHEETS),
)
@paginate(Pagination)
def initiatives(request: HttpRequest, filters: Query[HubInitiativeFilters]) -> Any:
    rows = (
        Initiative.objects.published()
        .select_related("organisation")
        .prefetch_related("communes")
        .order_by("-published_at", "pk")
    )
    if filters.dimension:
        rows = rows.filter(dimensions__contains=filters.dimension)
    return [_sheet(s) for s in filter_text(rows, filters.q or "")]


@router.get(
    "/initiatives/{slug}",
    response={200: HubInitiativeDetailOut},
    summary="A published sheet, with the live figures of the service that runs it",
    openapi_extra=example(ex.SHEET_DETAIL),
)
def initiative(request: HttpRequest, slug: str) -> Any:
    sheet = get_object_or_404(Initiative.objects.published(), slug=slug)
    figures = live.for_sheet(sheet)
    return {
        **_sheet(sheet), "steps": sheet.steps, "results": sheet.results,
        "actors": [
            {"name": r.actor.name, "role": r.role,
             "slug": r.actor.slug if r.actor.consent_listed else None}
            for r in sheet.roles.select_related("actor")
        ],
        "figures": [{"label": k, "value": v, "unit": ""} for k, v in sheet.figure_rows()],
        "lessons": sheet.lessons, "barriers": sheet.barriers,
        "partners_sought": sheet.partners_sought,
        "budget_eur": int(sheet.budget) if sheet.budget is not None else None,
        "funding": sheet.funding,
        "service": figures["service"].name if figures else None,
        "live_figures": [vars(f) for f in figures["figures"]] if figures else [],
    }  # fmt: skip


class HubEventOut(Schema):
    id: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    place_name: str
    insee_code: str | None
    capacity: int | None
    seats_left: int | None
    cancelled: bool


@router.get(
    "/events",
    response=list[HubEventOut],
    summary="Upcoming network events",
    openapi_extra=example(ex.EVENTS),
)
@paginate(Pagination)
def events(request: HttpRequest) -> Any:
    rows = Event.objects.public().upcoming(timezone.now()).select_related("commune")
    return [
        {
            "id": e.pk,
            "title": e.title,
            "kind": e.kind,
            "starts_at": e.starts_at,
            "ends_at": e.ends_at,
            "place_name": e.place_name,
            "insee_code": e.commune.insee_code if e.commune else None,
            "capacity": e.capacity,
            "seats_left": e.seats_left(),
            "cancelled": e.cancelled,
        }  # fmt: skip
        for e in rows
    ]


class HubResourceOut(Schema):
    id: int
    title: str
    kind: str
    description: str
    url: str
    language: str
    author: str
    dimensions: list[str]


@router.get(
    "/resources",
    response=list[HubResourceOut],
    summary="The resources library",
    openapi_extra=example(ex.RESOURCES),
)
@paginate(Pagination)
def resources(request: HttpRequest) -> Any:
    rows = Resource.objects.filter(is_published=True).order_by("-created", "pk")
    return [
        {
            "id": r.pk,
            "title": r.title,
            "kind": r.kind,
            "description": r.description,
            "url": request.build_absolute_uri(r.file.url) if r.file else r.url,
            "language": r.language,
            "author": r.author,
            "dimensions": words(r.dimensions),
        }  # fmt: skip
        for r in rows
    ]


class HubAssessmentOut(Schema):
    id: int
    place: str
    insee_code: str | None
    area: str | None
    assessed_on: date
    scores: dict[str, int]
    targets: dict[str, int]


@router.get(
    "/assessments",
    response=list[HubAssessmentOut],
    summary="Completed self-assessments",
    openapi_extra=example(ex.ASSESSMENTS),
)
@paginate(Pagination)
def assessments(request: HttpRequest) -> Any:
    rows = Assessment.objects.filter(completed=True).select_related("commune", "area")
    return [
        {
            "id": a.pk,
            "place": a.place_name,
            "insee_code": a.commune.insee_code if a.commune else None,
            "area": a.area.slug if a.area else None,
            "assessed_on": a.assessed_on,
            "scores": a.scores,
            "targets": a.targets,
        }  # fmt: skip
        for a in rows
    ]


class HubSearchHitOut(Schema):
    kind: str
    title: str
    url: str


@router.get(
    "/search",
    response=list[HubSearchHitOut],
    summary="Full-text search of the hub",
    openapi_extra=example(ex.SEARCH),
)
def search(request: HttpRequest, query: Query[HubSearchQuery]) -> Any:
    from django.urls import reverse

    found = run_search(query.q)
    hits = [{"kind": "actor", "title": a.name, "url": reverse("hub:actor", args=[a.slug])}
            for a in found["actors"]]  # fmt: skip
    hits += [
        {"kind": "initiative", "title": s.title, "url": reverse("hub:initiative", args=[s.slug])}
        for s in found["initiatives"]
    ]
    hits += [{"kind": "event", "title": e.title, "url": reverse("hub:event", args=[e.pk])}
             for e in found["events"]]  # fmt: skip
    hits += [{"kind": "resource", "title": r.title, "url": r.file.url if r.file else r.url}
             for r in found["resources"]]  # fmt: skip
    return hits
