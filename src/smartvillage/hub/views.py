"""Hub pages: the home page, the actors directory (map, filters, exports), the experience
sheets (write, submit, moderate, publish)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartvillage.core.errors import error_dict
from smartvillage.hub import exports, live, permissions, services
from smartvillage.hub.forms import (
    ActorForm,
    DirectoryFilter,
    InitiativeFilter,
    InitiativeForm,
    ModerationForm,
)
from smartvillage.hub.models import Actor, Event, Initiative, Status
from smartvillage.hub.search import filter_text


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    from django.utils import timezone

    context = {
        "initiatives": Initiative.objects.published().order_by("-published_at")[:6],
        "events": Event.objects.public().upcoming(timezone.now()).filter(cancelled=False)[:5],
        "actor_count": Actor.objects.listed().count(),
        "is_moderator": permissions.is_territory_staff(request.user),
    }
    return render(request, "hub/home.html", context)


# --- Actors --------------------------------------------------------------------------------------


def filtered_actors(params: Any) -> tuple[DirectoryFilter, Any]:
    form = DirectoryFilter(params or None)
    actors = Actor.objects.listed().prefetch_related("communes", "themes")
    if form.is_valid():
        data = form.cleaned_data
        if data.get("theme"):
            actors = actors.filter(themes=data["theme"])
        if data.get("role"):
            actors = actors.filter(roles__contains=data["role"])
        if data.get("dimension"):
            actors = actors.filter(helps_on__contains=data["dimension"])
        if data.get("commune"):
            actors = actors.filter(communes__insee_code=data["commune"].strip())
        if data.get("q"):
            return form, filter_text(actors, data["q"])
    elif form.is_bound:
        actors = actors.none()
    return form, actors.order_by("name")


@require_GET
def actors(request: HttpRequest) -> HttpResponse:
    form, found = filtered_actors(request.GET)
    query = request.GET.urlencode()
    config = {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": list(settings.MAP_CENTER),
        "zoom": settings.MAP_ZOOM,
        "geojsonUrl": reverse("hub:actors_geojson") + (f"?{query}" if query else ""),
        "labels": {"error": _("The map could not be loaded. The list below still works.")},
    }
    context = {"form": form, "actors": found, "map_config": config, "query": query}
    return render(request, "hub/actors.html", context)


@require_GET
def actors_csv(request: HttpRequest) -> HttpResponse:
    form, found = filtered_actors(request.GET)
    response = HttpResponse(exports.actors_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="acteurs.csv"'
    return response


@require_GET
def actors_geojson(request: HttpRequest) -> HttpResponse:
    form, found = filtered_actors(request.GET)
    response = HttpResponse(exports.actors_geojson(found), content_type="application/geo+json")
    response["Content-Disposition"] = 'inline; filename="acteurs.geojson"'
    return response


@require_GET
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = permissions.get_listed_actor(slug)
    sheets = Initiative.objects.published().filter(roles__actor=actor).distinct()
    context = {
        "actor": actor,
        "contact": actor.public_contact(),
        "initiatives": sheets,
        "can_edit": Actor.objects.editable_by(request.user).filter(pk=actor.pk).exists(),
    }
    return render(request, "hub/actor.html", context)


@login_required
def actor_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """A new entry, or one's own (another actor's entry is a 404)."""
    actor = (
        permissions.get_actor_for_editor(request.user, slug)
        if slug
        else Actor(owner=permissions.user(request), consent_listed=False)
    )
    organisations = permissions.staff_organisations(request.user)
    form = ActorForm(
        request.POST if request.method == "POST" else None,
        instance=actor,
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            services.save_actor(form.apply(), request.user)
            form.save_relations()
        messages.success(request, _("The entry is saved."))
        return redirect("hub:my_entries")
    return render(request, "hub/actor_form.html", {"form": form, "actor": actor})


@login_required
@require_GET
def my_entries(request: HttpRequest) -> HttpResponse:
    context = {
        "actors": Actor.objects.editable_by(request.user),
        "initiatives": Initiative.objects.editable_by(request.user).order_by("-updated"),
    }
    return render(request, "hub/mine.html", context)


# --- Initiatives ---------------------------------------------------------------------------------


@require_GET
def initiatives(request: HttpRequest) -> HttpResponse:
    form = InitiativeFilter(request.GET or None)
    sheets: Any = Initiative.objects.published().select_related("organisation")
    if form.is_valid():
        data = form.cleaned_data
        if data.get("theme"):
            sheets = sheets.filter(themes=data["theme"])
        if data.get("dimension"):
            sheets = sheets.filter(dimensions__contains=data["dimension"])
        if data.get("solution_type"):
            sheets = sheets.filter(solution_type=data["solution_type"])
        if data.get("commune"):
            sheets = sheets.filter(communes__insee_code=data["commune"].strip())
        if data.get("q"):
            sheets = filter_text(sheets, data["q"])
    elif form.is_bound:
        sheets = sheets.none()
    return render(request, "hub/initiatives.html", {"form": form, "initiatives": sheets})


@require_GET
def initiatives_csv(request: HttpRequest) -> HttpResponse:
    """The published sheets as open data (CSV, INSEE codes)."""
    sheets = (
        Initiative.objects.published()
        .select_related("organisation")
        .prefetch_related("communes")
        .order_by("slug")
    )
    body = exports.initiatives_csv(sheets)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="fiches-experience.csv"'
    return response


@require_GET
def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    sheet = permissions.get_visible_initiative(request.user, slug)
    editable = Initiative.objects.editable_by(request.user).filter(pk=sheet.pk).exists()
    context = {
        "sheet": sheet,
        "roles": sheet.roles.select_related("actor"),
        "photos": sheet.photos.all(),
        "live": live.for_sheet(sheet),
        "can_edit": editable,
        "can_moderate": permissions.is_territory_staff(request.user),
        "moderation_form": ModerationForm(),
    }
    return render(request, "hub/initiative.html", context)


@login_required
def initiative_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    sheet = permissions.get_initiative_for_editor(request.user, slug) if slug else Initiative()
    form = InitiativeForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=sheet,
        organisations=permissions.staff_organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        was_published = sheet.is_published
        with transaction.atomic():
            services.save_initiative(form.apply(), request.user)
            form.save_relations()
        if was_published:
            messages.info(request, _("Your changes will be public once a moderator accepts them."))
        else:
            messages.success(request, _("The sheet is saved."))
        return redirect("hub:initiative", slug=sheet.slug)
    return render(request, "hub/initiative_form.html", {"form": form, "sheet": sheet})


def _flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for errors in error_dict(exc).values():
        for message in errors:
            messages.error(request, message)


@login_required
@require_POST
def photo_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sheet = permissions.get_initiative_for_editor(request.user, slug)
    photo = get_object_or_404(sheet.photos, pk=pk)
    photo.image.delete(save=False)
    photo.delete()
    messages.success(request, _("The photo is deleted."))
    return redirect("hub:initiative_edit", slug=sheet.slug)


@login_required
@require_POST
def initiative_submit(request: HttpRequest, slug: str) -> HttpResponse:
    sheet = permissions.get_initiative_for_editor(request.user, slug)
    try:
        services.submit(sheet, request.user)
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, _("Sent for review: a moderator will read it."))
    return redirect("hub:initiative", slug=sheet.slug)


@login_required
@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    permissions.require_territory_staff(request.user)
    waiting = Initiative.objects.filter(status=Status.REVIEW).select_related("author")
    return render(request, "hub/moderation.html", {"waiting": waiting.order_by("submitted_at")})


def _moderate(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    sheet = permissions.get_initiative_for_moderator(request.user, slug)
    note = request.POST.get("note", "")
    try:
        if action == "publish":
            services.publish(sheet, request.user)
            messages.success(request, _("The sheet is published."))
        elif action == "send_back":
            services.send_back(sheet, request.user, note)
            messages.success(request, _("The sheet went back to its author."))
        else:
            services.unpublish(sheet, request.user, note)
            messages.success(request, _("The sheet is no longer public."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("hub:initiative", slug=sheet.slug)


@login_required
@require_POST
def initiative_publish(request: HttpRequest, slug: str) -> HttpResponse:
    return _moderate(request, slug, "publish")


@login_required
@require_POST
def initiative_send_back(request: HttpRequest, slug: str) -> HttpResponse:
    return _moderate(request, slug, "send_back")


@login_required
@require_POST
def initiative_unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    return _moderate(request, slug, "unpublish")
