"""Impact pages that change behaviour: challenges, event carpooling, the guaranteed ride home."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.accounts.permissions import get_organisation_for_user
from smartvillage.core import agenda, ridehome
from smartvillage.impact import services
from smartvillage.impact.forms import (
    CarpoolForm,
    ChallengeForm,
    EventForm,
    FromAgendaForm,
    RideHomeForm,
)
from smartvillage.impact.models import CarpoolEvent, Challenge, EventCarpool, RideHome

# --- Permission-checked getters ------------------------------------------------------------------


def _staff_organisation(request: HttpRequest, slug: str) -> Organisation:
    """The organisation for its admins and operators: outsiders 404, other members 403."""
    organisation, membership = get_organisation_for_user(request, slug)
    if membership.role not in Membership.STAFF_ROLES:
        raise PermissionDenied
    return organisation


def _visible_challenge(request: HttpRequest, slug: str) -> Challenge:
    challenge = get_object_or_404(Challenge.objects.select_related("organisation"), slug=slug)
    if not challenge.is_published:
        user: Any = request.user
        staff = (
            user.is_authenticated
            and Membership.objects.filter(
                user=user, organisation=challenge.organisation, role__in=Membership.STAFF_ROLES
            ).exists()
        )
        if not staff:
            raise Http404
    return challenge


def _own_post(request: HttpRequest, event: CarpoolEvent, pk: int) -> EventCarpool:
    return get_object_or_404(EventCarpool, pk=pk, event=event, user=request.user)


# --- Challenges ----------------------------------------------------------------------------------


@require_GET
def challenges(request: HttpRequest) -> HttpResponse:
    rows = Challenge.objects.published().select_related("organisation")
    return render(request, "impact/challenges.html", {"challenges": rows})


@require_GET
def challenge_page(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _visible_challenge(request, slug)
    progress = services.progress(challenge)
    user: Any = request.user
    joined = user.is_authenticated and challenge.participants.filter(user=user).exists()
    mine = progress.per_user.get(user.pk) if joined else None
    context = {
        "challenge": challenge,
        "progress": progress,
        "joined": joined,
        "mine": mine,
        "badges": services.badges(challenge.metric, mine) if mine is not None else [],
    }
    return render(request, "impact/challenge.html", context)


@login_required
@require_POST
def join_challenge(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _visible_challenge(request, slug)
    services.join(challenge, request.user)
    messages.success(request, _("You take part in the challenge: your trips count from now."))
    return redirect("impact:challenge", slug=challenge.slug)


@login_required
@require_POST
def leave_challenge(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _visible_challenge(request, slug)
    if services.leave(challenge, request.user):
        messages.success(request, _("You left the challenge."))
    return redirect("impact:challenge", slug=challenge.slug)


def _save_challenge(form: ChallengeForm, organisation: Organisation, actor: Any) -> Challenge:
    with transaction.atomic():
        challenge = form.save(commit=False)
        challenge.organisation = organisation
        challenge.save()
        challenge.communes.set(form.cleaned_data["communes_codes"])
    return challenge


@login_required
@require_http_methods(["GET", "POST"])
def challenge_new(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _staff_organisation(request, org)
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        challenge = _save_challenge(form, organisation, request.user)
        return redirect("impact:challenge", slug=challenge.slug)
    context = {"form": form, "organisation": organisation, "title": _("New challenge")}
    return render(request, "impact/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def challenge_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _staff_organisation(request, org)
    challenge = get_object_or_404(Challenge, pk=pk, organisation=organisation)
    form = ChallengeForm(request.POST or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        _save_challenge(form, organisation, request.user)
        return redirect("impact:challenge", slug=challenge.slug)
    context = {"form": form, "organisation": organisation, "title": challenge.title}
    return render(request, "impact/form.html", context)


# --- Event carpooling ----------------------------------------------------------------------------


@require_GET
def events(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - timedelta(days=1)
    rows = CarpoolEvent.objects.filter(ends_at__gte=since)
    return render(request, "impact/events.html", {"events": rows})


def _event_context(event: CarpoolEvent, user: Any, form: CarpoolForm) -> dict[str, Any]:
    posts = list(event.carpools.filter(is_active=True).select_related("commune", "user"))
    mine = [p for p in posts if user.is_authenticated and p.user_id == user.pk]
    suggestions = {}
    for post in mine:
        network = services.network_offers(post) if post.kind == EventCarpool.Kind.REQUEST else []
        suggestions[post.pk] = (services.event_matches(post), network)
    return {
        "event": event,
        "form": form,
        "posts": posts,
        "mine": [(p, *suggestions[p.pk]) for p in mine],
        "agenda_event": agenda.get(event.event_key) if event.event_key else None,
    }


@require_GET
def event_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(CarpoolEvent, slug=slug)
    initial = {"departure_at": timezone.localtime(event.starts_at - timedelta(minutes=45))}
    user: Any = request.user
    if user.is_authenticated and getattr(user, "commune", None):
        initial["commune"] = user.commune.insee_code
    form = CarpoolForm(initial=initial)
    return render(request, "impact/event.html", _event_context(event, user, form))


@login_required
@require_POST
def post_carpool(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(CarpoolEvent, slug=slug)
    form = CarpoolForm(request.POST)
    if not form.is_valid():
        context = _event_context(event, request.user, form)
        return render(request, "impact/event.html", context, status=400)
    user: Any = request.user
    post = form.save(commit=False)
    post.event, post.user = event, user
    post.save()
    messages.success(request, _("Your carpool is posted; matching ones appear below."))
    return redirect("impact:event", slug=event.slug)


@login_required
@require_POST
def withdraw_carpool(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(CarpoolEvent, slug=slug)
    post = _own_post(request, event, pk)
    if post.is_active:
        post.is_active = False
        post.save(update_fields=["is_active"])
        messages.success(request, _("Your carpool is withdrawn."))
    return redirect("impact:event", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _staff_organisation(request, org)
    now = timezone.now()
    upcoming = [e for e in agenda.between(now, now + timedelta(days=180)) if not e.cancelled]
    agenda_data = request.POST if "agenda-event_key" in request.POST else None
    from_agenda = FromAgendaForm(agenda_data, events=upcoming, prefix="agenda")
    form = EventForm(request.POST if request.method == "POST" and agenda_data is None else None)
    if agenda_data is not None and from_agenda.is_valid():
        e = from_agenda.events[from_agenda.cleaned_data["event_key"]]
        if e.latitude is None or e.longitude is None:
            from_agenda.add_error("event_key", _("This event has no location."))
        else:
            event = CarpoolEvent.objects.create(
                organisation=organisation, slug=from_agenda.cleaned_data["slug"],
                event_key=e.key, title=e.title, starts_at=e.starts_at, ends_at=e.ends_at,
                place_name=e.place_name, latitude=e.latitude, longitude=e.longitude,
            )  # fmt: skip
            return redirect("impact:event", slug=event.slug)
    elif form.is_bound and form.is_valid():
        event = form.save(commit=False)
        event.organisation = organisation
        event.save()
        return redirect("impact:event", slug=event.slug)
    context = {"form": form, "from_agenda": from_agenda, "organisation": organisation}
    return render(request, "impact/event_new.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _staff_organisation(request, org)
    event = get_object_or_404(CarpoolEvent, pk=pk, organisation=organisation)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("impact:event", slug=event.slug)
    context = {"form": form, "organisation": organisation, "title": event.title}
    return render(request, "impact/form.html", context)


# --- Guaranteed ride home ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def ride_home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    initial: dict[str, Any] = {"at": timezone.localtime().replace(second=0, microsecond=0)}
    if getattr(user, "commune", None):
        initial["home_commune"] = user.commune.insee_code
    form = RideHomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        where, home = data["where_commune"], data["home_commune"]
        ride = services.ask_ride_home(
            user,
            ridehome.Point(f"{data['where']}, {where.name}", where.latitude, where.longitude),
            ridehome.Point(f"{data['home']}, {home.name}", home.latitude, home.longitude),
            data["at"],
        )
        if ride.status == RideHome.Status.BOOKED:
            messages.success(request, _("Your ride home is booked."))
        else:
            messages.error(request, ride.reason)
        return redirect("impact:ride_home")
    context = {
        "form": form,
        "left": services.rides_home_left(user),
        "quota": services.ride_home_quota(),
        "rides": RideHome.objects.filter(user=user)[:10],
    }
    return render(request, "impact/ride_home.html", context)
