"""Rideshare pages. Every member action goes through ``services.guard`` (a suspended member
gets a 403 everywhere); objects come from permission-checked getters (others' objects: 404)."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import segno  # QR codes: pure Python, SVG output (https://github.com/heuer/segno)
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from smartvillage.accounts.permissions import get_organisation_for_user
from smartvillage.core.forms import MonthForm
from smartvillage.core.ratelimit import limit
from smartvillage.rideshare import bnlc, conf
from smartvillage.rideshare import forms as f
from smartvillage.rideshare.models import (
    Contact,
    HitchRequest,
    Member,
    Notification,
    Relay,
    Report,
    Ride,
    RideRequest,
    Stop,
    Trip,
)
from smartvillage.rideshare.services import carpool, guard, live, members, proof, safety

# --- Permission-checked getters ------------------------------------------------------------------


def _trip_of(member: Member, pk: int) -> Trip:
    return get_object_or_404(Trip, pk=pk, driver=member)


def _request_of(member: Member, pk: int) -> RideRequest:
    return get_object_or_404(RideRequest, pk=pk, passenger=member)


def _contact_for(member: Member, pk: int) -> Contact:
    """Only the passenger and the driver of the trip see a contact."""
    return get_object_or_404(
        Contact.objects.select_related("trip__driver__user", "trip__vehicle", "passenger__user"),
        Q(passenger=member) | Q(trip__driver=member),
        pk=pk,
    )


def _hitch_for(member: Member, pk: int) -> HitchRequest:
    """The passenger, the driver who accepted it, or a driver who was notified."""
    return get_object_or_404(
        HitchRequest.objects.select_related(
            "stop__place", "destination__place", "passenger__user", "driver__user", "vehicle"
        ).distinct(),
        Q(passenger=member) | Q(driver=member) | Q(notifications__member=member),
        pk=pk,
    )


def _ride_for(member: Member, pk: int) -> Ride:
    return get_object_or_404(
        Ride.objects.select_related("driver__user", "passenger__user", "vehicle"),
        Q(driver=member) | Q(passenger=member),
        pk=pk,
    )


def _counterparts(member: Member) -> Q:
    """Members ``member`` has met through the platform: the only ones they may see or report."""
    return (
        Q(rides_driven__passenger=member)
        | Q(rides_taken__driver=member)
        | Q(contacts__trip__driver=member)
        | Q(trips__contacts__passenger=member)
        | Q(hitches__driver=member)
        | Q(hitches_accepted__passenger=member)
    )


def _counterpart(member: Member, number: str) -> Member:
    return get_object_or_404(
        Member.objects.filter(_counterparts(member)).distinct().select_related("user"),
        number=number,
    )


def _relay_for_staff(request: HttpRequest, slug: str) -> Relay:
    """Relay staff only: admins and operators of the relay's organisation (others 403,
    outsiders 404)."""
    organisation, membership = get_organisation_for_user(request, slug)
    if not membership.sees_members:
        raise PermissionDenied
    relay = Relay.objects.filter(organisation=organisation, is_active=True).first()
    if relay is None:
        raise Http404
    return relay


def _done(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- Public pages ------------------------------------------------------------------------------


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    member = Member.objects.filter(user_id=request.user.pk or 0).first()
    return render(
        request,
        "rideshare/home.html",
        {"member": member, "stats": proof.statistics(), "relays": members.relays_of(request.user)},
    )


def _stops_geojson() -> dict[str, Any]:
    features = []
    for stop in Stop.objects.active().select_related("place__commune"):
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [stop.place.longitude, stop.place.latitude],
                },
                "properties": {
                    "id": stop.pk,
                    "name": stop.place.name,
                    "commune": stop.place.commune.name,
                    "insee": stop.place.commune.insee_code,
                    "directions": stop.direction_list,
                    "shelter": stop.has_shelter,
                    "wheelchair": stop.wheelchair_accessible,
                    "accessibility": stop.accessibility,
                    "cards_url": reverse("rideshare:stop_cards", args=[stop.pk]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@require_GET
def stops(request: HttpRequest) -> HttpResponse:
    config = {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": list(settings.MAP_CENTER),
        "zoom": settings.MAP_ZOOM,
        "stopsUrl": reverse("rideshare:stops_geojson"),
        "labels": {
            "directions": _("Directions"),
            "shelter": _("Shelter"),
            "wheelchair": _("Wheelchair accessible"),
            "cards": _("Destination cards"),
            "yes": _("yes"),
            "no": _("no"),
            "error": _("The map could not be loaded. The list of stops below still works."),
        },
    }
    rows = Stop.objects.active().select_related("place__commune")
    return render(request, "rideshare/stops.html", {"stops": rows, "map_config": config})


@require_GET
def stops_geojson(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(_stops_geojson())
    response["Content-Type"] = "application/geo+json"
    return response


@require_GET
def stops_bnlc(request: HttpRequest) -> HttpResponse:
    """Public: the stops in the national carpool places schema (BNLC), CSV."""
    response = HttpResponse(bnlc.to_csv(bnlc.rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lieux-covoiturage-autostop.csv"'
    return response


@require_GET
def stop_cards(request: HttpRequest, pk: int) -> HttpResponse:
    stop = get_object_or_404(Stop.objects.active().select_related("place__commune"), pk=pk)
    return render(request, "rideshare/stop_cards.html", {"stop": stop})


@require_GET
def check_card(request: HttpRequest, token: str) -> HttpResponse:
    """Public: anyone scanning a member card sees whether it is valid. No personal data."""
    result = members.verify_card(token)
    return render(
        request,
        "rideshare/card_check.html",
        {"result": result},
        status=200 if result.valid else 410,
    )


@require_GET
def follow(request: HttpRequest, token: str) -> HttpResponse:
    """The trusted contact's link: where the ride goes, with whom (first name, car, plate)."""
    ride = get_object_or_404(
        Ride.objects.select_related("driver__user", "vehicle"), share_token=token
    )
    if ride.ended_at and ride.ended_at < timezone.now() - timedelta(days=1):
        raise Http404
    return render(request, "rideshare/follow.html", {"ride": ride})


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    form = MonthForm(request.GET or None)
    month = form.cleaned_data["month"] if form.is_valid() else None
    context = {"stats": proof.statistics(month), "form": form, "month": month}
    return render(request, "rideshare/statistics.html", context)


@require_GET
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """Public open data: the figures of the statistics page, one line per month."""
    response = HttpResponse(
        proof.monthly_csv(proof.monthly()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="autostop-statistiques-mensuelles.csv"'
    return response


# --- Registration and card ---------------------------------------------------------------------


@login_required
def join(request: HttpRequest) -> HttpResponse:
    if Member.objects.filter(user_id=request.user.pk or 0).exists():
        return redirect("rideshare:dashboard")
    form = f.JoinForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            members.register(
                request.user,
                birth_date=data["birth_date"],
                accept_charter=data["accept_charter"],
                guardian_name=data["guardian_name"],
                guardian_consent=data["guardian_consent"],
                is_driver=data["is_driver"],
                relay=data["relay"],
                photo=data["photo"],
            )
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(request, _("Welcome! Show your ID at a relay to be validated."))
            return redirect("rideshare:dashboard")
    return render(request, "rideshare/join.html", {"form": form})


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    member = guard(request.user, validated=False)
    now = timezone.now()
    context = {
        "member": member,
        "vehicles": member.vehicles.filter(is_active=True),
        "trips": member.trips.active().order_by("-created"),
        "requests": member.requests.filter(departure_at__gte=now, status="open"),
        "contacts": Contact.objects.filter(Q(passenger=member) | Q(trip__driver=member))
        .select_related("trip")
        .order_by("-created")[:20],
        "rides": Ride.objects.for_member(member).order_by("-started_at")[:20],
        "notifications": live.live_for_driver(member, now),
        "hitches": member.hitches.filter(status__in=["waiting", "accepted"]),
        "vehicle_form": f.VehicleForm(),
        "notify_form": f.NotifyForm(initial={"notify_by": member.notify_by}),
    }
    return render(request, "rideshare/dashboard.html", context)


@login_required
@require_POST
def notify_preferences(request: HttpRequest) -> HttpResponse:
    """How the member is told (email, SMS, not at all). SMS needs a phone on the profile."""
    member = guard(request.user, validated=False)
    form = f.NotifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how you want to be told."))
        return redirect("rideshare:dashboard")
    choice = form.cleaned_data["notify_by"]
    if choice == Member.NotifyBy.SMS and not (member.user.phone or "").strip():
        messages.error(
            request, _("Add your phone number to your profile first, then choose text messages.")
        )
        return redirect("rideshare:dashboard")
    if choice != member.notify_by:
        member.notify_by = choice
        member.save(update_fields=["notify_by"])
    messages.success(request, _("Your notification preference is saved."))
    return redirect("rideshare:dashboard")


@login_required
@require_GET
def card(request: HttpRequest) -> HttpResponse:
    member = guard(request.user)
    url = request.build_absolute_uri(
        reverse("rideshare:check_card", args=[members.card_token(member)])
    )
    qr = segno.make(url, error="m").svg_inline(scale=4, title=_("Card check code"))
    return render(request, "rideshare/card.html", {"member": member, "qr": qr, "check_url": url})


@login_required
@require_GET
def photo(request: HttpRequest, number: str) -> FileResponse:
    """A member's photo: to themselves, the members they met (unless suspended), and the staff
    of their relay (or of any relay, for a member who chose none, as for validation)."""
    viewer = Member.objects.filter(user_id=request.user.pk or 0).first()
    visible = Q(pk=viewer.pk) if viewer else Q(pk__in=[])
    relays = members.relays_of(request.user)
    if relays:
        visible |= Q(relay__in=relays) | Q(relay__isnull=True)
    if viewer and viewer.status != Member.Status.SUSPENDED:
        visible |= Q(pk__in=Member.objects.filter(_counterparts(viewer)).values("pk"))
    target = get_object_or_404(Member.objects.filter(visible), number=number)
    if not target.photo:
        raise Http404
    response = FileResponse(target.photo.open("rb"))
    response["Cache-Control"] = "private, max-age=600"
    return response


@login_required
@require_POST
def add_vehicle(request: HttpRequest) -> HttpResponse:
    member = guard(request.user)
    form = f.VehicleForm(request.POST)
    if form.is_valid():
        try:
            vehicle = members.add_vehicle(member, **form.cleaned_data)
        except ValidationError as exc:
            _done(request, exc)
        else:
            messages.success(
                request, _("Vehicle registered. Sticker number: %s") % vehicle.sticker_number
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("rideshare:dashboard")


# --- Carpooling --------------------------------------------------------------------------------


@login_required
@limit("rideshare-booking")
def new_trip(request: HttpRequest) -> HttpResponse:
    member = guard(request.user)
    form = f.TripForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        (origin, origin_label), (destination, destination_label) = (
            data["origin"],
            data["destination"],
        )
        try:
            trip = carpool.publish_trip(
                member,
                vehicle=data["vehicle"],
                origin=origin,
                origin_label=origin_label,
                destination=destination,
                destination_label=destination_label,
                seats=data["seats"],
                departure_at=data["departure_at"],
                departure_time=data["departure_time"],
                weekdays="".join(data["weekdays"]),
                valid_until=data["valid_until"],
                flex_minutes=data["flex_minutes"] or 0,
                via=list(data["via"]),
                comment=data["comment"],
            )
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(request, _("Your trip is published."))
            return redirect("rideshare:trip", pk=trip.pk)
    return render(request, "rideshare/trip_form.html", {"form": form})


@login_required
@require_GET
def trip_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = guard(request.user)
    trip = _trip_of(member, pk)
    contacts = trip.contacts.select_related("passenger__user").order_by("-created")
    return render(request, "rideshare/trip.html", {"trip": trip, "contacts": contacts})


@login_required
@require_POST
def cancel_trip(request: HttpRequest, pk: int) -> HttpResponse:
    member = guard(request.user)
    carpool.cancel_trip(member, _trip_of(member, pk))
    messages.success(request, _("Your trip is cancelled."))
    return redirect("rideshare:dashboard")


@login_required
@limit("rideshare-booking")
def new_request(request: HttpRequest) -> HttpResponse:
    member = guard(request.user)
    # A link from the journey planner pre-fills the form; the POST checks everything.
    initial = {k: request.GET[k][:150] for k in ("origin", "destination", "departure_at", "seats")
               if request.GET.get(k)}  # fmt: skip
    form = f.RequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = carpool.request_ride(
                member,
                origin=data["origin"][0],
                origin_label=data["origin"][1],
                destination=data["destination"][0],
                destination_label=data["destination"][1],
                departure_at=data["departure_at"],
                seats=data["seats"],
                flex_minutes=data["flex_minutes"] or 0,
            )
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            return redirect("rideshare:request", pk=row.pk)
    return render(request, "rideshare/request_form.html", {"form": form})


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = guard(request.user)
    row = _request_of(member, pk)
    found = carpool.matches_for(row)
    return render(request, "rideshare/request.html", {"ride_request": row, "matches": found})


@login_required
@require_POST
@limit("rideshare-booking")
def contact_driver(request: HttpRequest, pk: int) -> HttpResponse:
    member = guard(request.user)
    trip = get_object_or_404(Trip.objects.active(), pk=pk)
    form = f.ContactForm(request.POST)
    ride_request = None
    if request.POST.get("request"):
        ride_request = RideRequest.objects.filter(
            pk=request.POST["request"], passenger=member
        ).first()
    if not form.is_valid():
        messages.error(request, _("Choose the day of the ride."))
        return redirect("rideshare:dashboard")
    try:
        row = carpool.contact(
            member,
            trip,
            form.cleaned_data["ride_on"],
            message=form.cleaned_data["message"],
            request=ride_request,
        )
    except ValidationError as exc:
        _done(request, exc)
        return redirect(reverse("rideshare:request", args=[ride_request.pk]) if ride_request
                        else reverse("rideshare:dashboard"))  # fmt: skip
    messages.success(request, _("Your message is sent to the driver."))
    return redirect("rideshare:contact", pk=row.pk)


@login_required
@require_GET
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = guard(request.user)
    row = _contact_for(member, pk)
    context = {
        "contact": row,
        "is_driver": row.trip.driver_id == member.pk,
        "other": row.passenger if row.trip.driver_id == member.pk else row.trip.driver,
        "thread": row.messages.select_related("sender__user"),
        "form": f.MessageForm(),
    }
    return render(request, "rideshare/contact.html", context)


@login_required
@require_POST
def contact_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    member = guard(request.user)
    row = _contact_for(member, pk)
    is_driver = row.trip.driver_id == member.pk
    try:
        if action in {"accept", "decline"}:
            if not is_driver:
                raise PermissionDenied
            carpool.respond(member, row, action == "accept")
        elif action == "share-phone":
            carpool.share_phone(member, row)
        elif action == "message":
            carpool.send_message(member, row, request.POST.get("body", ""))
        elif action == "start":
            ride = live.start_from_contact(member, row)
            return redirect("rideshare:ride", pk=ride.pk)
        else:
            raise Http404
    except ValidationError as exc:
        _done(request, exc)
    return redirect("rideshare:contact", pk=row.pk)


# --- Live hitchhiking --------------------------------------------------------------------------


@login_required
@limit("rideshare-booking")
def new_hitch(request: HttpRequest) -> HttpResponse:
    member = guard(request.user)
    initial = {"minutes": conf.hitch_minutes()[0], "stop": request.GET.get("stop"),
               "destination": request.GET.get("destination")}  # fmt: skip
    form = f.HitchForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row, told = live.hitch(member, data["stop"], data["destination"], data["minutes"])
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d driver on the way has been told.",
                    "%(count)d drivers on the way have been told.",
                    told,
                )
                % {"count": told},
            )
            return redirect("rideshare:hitch", pk=row.pk)
    return render(request, "rideshare/hitch_form.html", {"form": form})


@login_required
@require_GET
def hitch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = guard(request.user)
    row = _hitch_for(member, pk)
    Notification.objects.filter(member=member, hitch=row, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    context = {
        "hitch": row,
        "is_passenger": row.passenger_id == member.pk,
        "is_driver": row.driver_id == member.pk,
        "accept_form": f.AcceptForm(member=member),
        "ride": getattr(row, "ride", None),
    }
    return render(request, "rideshare/hitch.html", context)


@login_required
@require_POST
def hitch_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    member = guard(request.user)
    row = _hitch_for(member, pk)
    try:
        if action == "accept":
            form = f.AcceptForm(request.POST, member=member)
            vehicle = form.cleaned_data["vehicle"] if form.is_valid() else None
            live.accept(member, row.pk, vehicle)
        elif action == "board":
            ride = live.board(member, row)
            return redirect("rideshare:ride", pk=ride.pk)
        elif action == "cancel":
            if row.passenger_id != member.pk:
                raise PermissionDenied
            live.cancel_hitch(member, row)
        else:
            raise Http404
    except ValidationError as exc:
        _done(request, exc)
    return redirect("rideshare:hitch", pk=row.pk)


# --- Rides and safety ----------------------------------------------------------------------------


@login_required
@require_GET
def ride_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = guard(request.user)
    ride = _ride_for(member, pk)
    context = {
        "ride": ride,
        "other": ride.other(member),
        "is_driver": ride.driver_id == member.pk,
        "confirmed": (
            ride.driver_confirmed_at if ride.driver_id == member.pk else ride.passenger_confirmed_at
        ),  # fmt: skip
        "rated": ride.ratings.filter(author=member).exists(),
        "share_url": request.build_absolute_uri(
            reverse("rideshare:follow", args=[ride.share_token])
        ),
        "rate_form": f.RateForm(),
        "report_form": f.ReportForm(),
        "contribution_form": f.ContributionForm(
            initial={"amount": Decimal(ride.contribution_cents) / 100}
        ),
        "proof": proof.check_ride(ride),
    }
    return render(request, "rideshare/ride.html", context)


@login_required
@require_POST
def ride_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    member = guard(request.user)
    ride = _ride_for(member, pk)
    try:
        if action == "confirm":
            live.confirm(member, ride)
        elif action == "arrive":
            live.arrive(member, ride)
        elif action == "rate":
            form = f.RateForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"score": [safety.ERRORS["score"]]})
            safety.rate(member, ride, form.cleaned_data["score"], form.cleaned_data["comment"])
            messages.success(request, _("Thank you for your rating."))
        elif action == "contribution":
            if ride.driver_id != member.pk:
                raise PermissionDenied
            amount = f.ContributionForm(request.POST)
            if not amount.is_valid():
                raise ValidationError({"amount": [_("Enter an amount between 0 and 200 €.")]})
            live.set_contribution(member, ride, amount.cents())
        else:
            raise Http404
    except ValidationError as exc:
        _done(request, exc)
    return redirect("rideshare:ride", pk=ride.pk)


@login_required
@require_POST
def member_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    member = guard(request.user)
    other = _counterpart(member, number)
    try:
        if action == "block":
            safety.block(member, other)
            messages.success(request, _("This member will no longer be matched with you."))
        elif action == "report":
            ride = Ride.objects.for_member(member).filter(pk=request.POST.get("ride") or 0).first()
            safety.report(member, other, request.POST.get("reason", ""), ride)
            messages.success(request, _("Thank you. A relay will review your report."))
        else:
            raise Http404
    except ValidationError as exc:
        _done(request, exc)
    return redirect("rideshare:dashboard")


# --- Relay staff ---------------------------------------------------------------------------------


@login_required
@require_GET
def relay(request: HttpRequest, org: str) -> HttpResponse:
    row = _relay_for_staff(request, org)
    pending = Member.objects.filter(status=Member.Status.PENDING).filter(
        Q(relay=row) | Q(relay__isnull=True)
    )
    context = {
        "relay": row,
        "pending": pending.select_related("user"),
        "reports": Report.objects.filter(status=Report.Status.OPEN).select_related(
            "reported__user", "reporter"
        ),
        "validate_form": f.ValidateForm(),
        "stop_form": f.StopForm(),
        "stats": proof.statistics(),
        "held_back": [c for c in proof.check_proofs() if not c.exportable][-50:],
    }
    return render(request, "rideshare/relay.html", context)


def _member_for_relay(relay_row: Relay, pk: int) -> Member:
    return get_object_or_404(
        Member.objects.filter(Q(relay=relay_row) | Q(relay__isnull=True)), pk=pk
    )


@login_required
@require_POST
def relay_validate(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    row = _relay_for_staff(request, org)
    target = _member_for_relay(row, pk)
    form = f.ValidateForm(request.POST)
    if form.is_valid():
        members.validate(request.user, target, form.cleaned_data["id_document"])
        messages.success(request, _("Member %s validated.") % target.number)
    else:
        messages.error(request, _("Choose the ID document you checked."))
    return redirect("rideshare:relay", org=org)


@login_required
@require_POST
def relay_suspend(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """A relay suspends its own members (or members who chose no relay), like it validates
    them; a reported member of any relay is suspended through the moderation queue."""
    row = _relay_for_staff(request, org)
    target = _member_for_relay(row, pk)
    members.suspend(request.user, target, request.POST.get("reason", ""))
    messages.success(request, _("Member %s suspended.") % target.number)
    return redirect("rideshare:relay", org=org)


@login_required
@require_POST
def relay_moderate(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    _relay_for_staff(request, org)
    report = get_object_or_404(Report, pk=pk)
    form = f.ModerateForm(request.POST)
    if form.is_valid():
        safety.moderate(request.user, report, form.cleaned_data["decision"])
    else:
        messages.error(request, _("Unknown decision."))
    return redirect("rideshare:relay", org=org)


@login_required
@require_POST
def relay_new_stop(request: HttpRequest, org: str) -> HttpResponse:
    row = _relay_for_staff(request, org)
    form = f.StopForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stop = members.create_stop(request.user, row, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(request, _("Stop “%s” created.") % stop.place.name)
            return redirect("rideshare:relay", org=org)
    return render(request, "rideshare/stop_form.html", {"form": form, "relay": row}, status=422)


@login_required
@require_GET
def relay_proofs(request: HttpRequest, org: str, fmt: str) -> HttpResponse:
    _relay_for_staff(request, org)
    if fmt == "csv":
        body = proof.proof_csv(proof.proof_rows())
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="rideshare-proofs.csv"'
        return response
    if fmt != "json":
        raise Http404
    return HttpResponse(
        json.dumps(proof.proof_document(), ensure_ascii=False, indent=1),
        content_type="application/json",
    )
