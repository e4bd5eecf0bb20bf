from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.accounts.models import Membership
from smartvillage.core import errors
from smartvillage.ondemand import geocoding, zone
from smartvillage.ondemand.models import (
    WEEKDAYS,
    AvailabilityException,
    Beneficiary,
    Booking,
    Driver,
    RecurringBooking,
    Run,
    Service,
    Stop,
    Vehicle,
)
from smartvillage.ondemand.services.booking import Endpoint, TripRequest
from smartvillage.territory.models import Commune, Place

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ServiceErrorsMixin(errors.ServiceErrorsMixin):
    """The service's ``origin``/``destination`` errors go to the stop fields by default."""

    error_fields: Mapping[str, str] = {"origin": "origin_stop", "destination": "destination_stop"}


class TripForm(ServiceErrorsMixin, forms.Form):
    origin_stop = forms.ModelChoiceField(
        label=_("From (stop)"), queryset=Stop.objects.none(), required=False
    )
    origin_place = forms.ModelChoiceField(
        label=_("or from (place in the zone)"), queryset=Place.objects.none(), required=False
    )
    origin_address = forms.CharField(
        label=_("or from (an address in the zone)"), required=False, max_length=250,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )  # fmt: skip
    origin_lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90,
                                  max_value=90)  # fmt: skip
    # The label that came with the point: an address edited since is looked up again.
    origin_found = forms.CharField(required=False, widget=forms.HiddenInput, max_length=250)
    origin_lon = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180,
                                  max_value=180)  # fmt: skip
    destination_stop = forms.ModelChoiceField(
        label=_("To (stop)"), queryset=Stop.objects.none(), required=False
    )
    destination_place = forms.ModelChoiceField(
        label=_("or to (place in the zone)"), queryset=Place.objects.none(), required=False
    )
    destination_address = forms.CharField(
        label=_("or to (an address in the zone)"), required=False, max_length=250,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )  # fmt: skip
    destination_lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90,
                                       max_value=90)  # fmt: skip
    # The label that came with the point: an address edited since is looked up again.
    destination_found = forms.CharField(required=False, widget=forms.HiddenInput, max_length=250)
    destination_lon = forms.FloatField(required=False, widget=forms.HiddenInput,
                                       min_value=-180, max_value=180)  # fmt: skip
    date = forms.DateField(label=_("Date"), widget=DATE)
    time_kind = forms.ChoiceField(
        label=_("Time"), choices=Booking.TimeKind.choices, initial=Booking.TimeKind.LEAVE_AT
    )
    time = forms.TimeField(label=_("Hour"), widget=TIME)
    passengers = forms.IntegerField(label=_("Passengers"), min_value=1, max_value=8, initial=1)
    wheelchair = forms.BooleanField(label=_("Travels in a wheelchair"), required=False)
    companion = forms.BooleanField(label=_("With a companion"), required=False)
    note = forms.CharField(label=_("Note for the driver"), required=False, max_length=250)

    def __init__(self, service: Service, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        stops = Stop.objects.filter(service=service).select_related("place")
        places = Place.objects.filter(commune_id__in=service.zone_commune_ids())
        for prefix in ("origin", "destination"):
            self.fields[f"{prefix}_stop"].queryset = stops  # type: ignore[attr-defined]
            self.fields[f"{prefix}_place"].queryset = places  # type: ignore[attr-defined]
        self.endpoints: dict[str, Endpoint] = {}
        # Where the service's errors about a place go: the field the place came from.
        self.error_fields = {"origin": "origin_stop", "destination": "destination_stop"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for prefix in ("origin", "destination"):
            try:
                point = self._endpoint_of(prefix, data)
            except ValidationError as exc:
                self.add_error(self.error_fields[prefix], exc)
                continue
            if point is None:
                self.add_error(f"{prefix}_stop", _("Choose a stop or a place, or give an address."))
            else:
                self.endpoints[prefix] = point
        return data

    def _endpoint_of(self, prefix: str, data: dict[str, Any]) -> Endpoint | None:
        """Stop, then place, then a point picked on the map, then an address to look up."""
        stop, place = data.get(f"{prefix}_stop"), data.get(f"{prefix}_place")
        if stop is not None:
            return Endpoint.of_stop(stop)
        if place is not None:
            return Endpoint(place.name, place.latitude, place.longitude, None, place.commune_id)
        self.error_fields = {**self.error_fields, prefix: f"{prefix}_address"}
        text = (data.get(f"{prefix}_address") or "").strip()
        lat, lon = data.get(f"{prefix}_lat"), data.get(f"{prefix}_lon")
        found = data.get(f"{prefix}_found") or ""
        edited = bool(text and found and text != found)
        if lat is not None and lon is not None and not edited:
            commune = geocoding.commune_at(lat, lon)
            label = text or (
                _("Point on the map near %(commune)s") % {"commune": commune.name}
                if commune
                else _("Point on the map (%(lat).5f, %(lon).5f)") % {"lat": lat, "lon": lon}
            )
            point = Endpoint(label[:250], lat, lon, None, commune.pk if commune else None)
            self._check_zone(point)
            self._write_back(prefix, point)
            return point
        if not text:
            return None
        return self._geocode(prefix, text)

    def _check_zone(self, point: Endpoint) -> None:
        from smartvillage.ondemand.services.booking import in_zone

        if not in_zone(self.service, point):
            raise ValidationError(self.outside_zone_message(), code="outside_zone")

    def outside_zone_message(self) -> str:
        names = ", ".join(
            Commune.objects.filter(pk__in=self.service.zone_commune_ids()).values_list(
                "name", flat=True
            )
        )
        if names:
            return str(_("This point is outside the service's zone (%(communes)s).")) % {
                "communes": names
            }
        return str(_("This point is outside the service's zone."))

    def _geocode(self, prefix: str, text: str) -> Endpoint:
        try:
            found = geocoding.geocoder().search(text, limit=5, near=self._centre())
        except geocoding.GeocoderError:
            raise ValidationError(geocoding.unreachable_message(), code="geocoder") from None
        if not found:
            raise ValidationError(_("No address found: check the spelling."), code="not_found")
        for address in found:
            commune = geocoding.commune_of(address)
            point = Endpoint(address.label[:250], address.latitude, address.longitude, None,
                             commune.pk if commune else None)  # fmt: skip
            try:
                self._check_zone(point)
            except ValidationError:
                continue
            self._write_back(prefix, point)
            return point
        raise ValidationError(self.outside_zone_message(), code="outside_zone")

    def _write_back(self, prefix: str, point: Endpoint) -> None:
        """The point found goes back into the form: the person sees the address before
        confirming, and the confirmation books this very point (no second look-up)."""
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict
        for name, value in (
            ("address", point.label),
            ("found", point.label),
            ("lat", str(point.latitude)),
            ("lon", str(point.longitude)),
        ):
            data[self.add_prefix(f"{prefix}_{name}")] = value
        self.data = data

    def _centre(self) -> tuple[float, float] | None:
        stop = Stop.objects.filter(service=self.service).select_related("place").first()
        return (stop.place.latitude, stop.place.longitude) if stop else None

    def endpoint(self, prefix: str) -> Endpoint:
        return self.endpoints[prefix]

    def requested_time(self) -> datetime:
        naive = datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return timezone.make_aware(naive)

    def to_request(self, beneficiary: Beneficiary) -> TripRequest:
        d = self.cleaned_data
        return TripRequest(
            service=self.service,
            beneficiary=beneficiary,
            origin=self.endpoint("origin"),
            destination=self.endpoint("destination"),
            time_kind=d["time_kind"],
            requested_time=self.requested_time(),
            passengers=d["passengers"],
            wheelchair=d["wheelchair"],
            companion=d["companion"],
            note=d.get("note", ""),
        )


class BeneficiaryForm(forms.ModelForm[Beneficiary]):
    class Meta:
        model = Beneficiary
        fields = [
            "first_name", "last_name", "phone", "email", "commune", "address",
            "uses_wheelchair", "notes", "is_registered", "sms_ok", "language",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False  # French unless the operator says otherwise

    def clean_language(self) -> str:
        default: str = Beneficiary._meta.get_field("language").default
        return self.cleaned_data.get("language") or default

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("phone") and not data.get("email"):
            self.add_error("phone", _("Give a phone number or an email to reach the person."))
        return data


class ServiceForm(forms.ModelForm[Service]):
    zone_geojson = forms.JSONField(label=_("Zone polygon (GeoJSON)"), required=False,
                                   validators=[zone.validate_geometry])  # fmt: skip
    info_url = forms.URLField(label=_("Information page"), required=False, assume_scheme="https")

    class Meta:
        model = Service
        fields = [
            "name", "description", "area", "communes", "zone_geojson", "days", "start_time",
            "end_time", "min_notice", "max_advance", "cancellation_deadline", "eligibility",
            "fare_kind", "fare_amount", "phone", "instructions", "info_url",
            "pickup_window_minutes", "flexibility_minutes", "max_detour_factor",
            "boarding_minutes", "notify_shift_minutes", "warning_after", "restrict_after",
            "restriction_days",
            "incident_period_days", "is_active",
        ]  # fmt: skip
        widgets = {"start_time": TIME, "end_time": TIME}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notify_shift_minutes"].required = False

    def clean_notify_shift_minutes(self) -> int:
        value = self.cleaned_data.get("notify_shift_minutes")
        default: int = Service._meta.get_field("notify_shift_minutes").default
        return default if value is None else value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The service must end after it starts."))
        if data.get("fare_kind") != Service.Fare.FREE and not data.get("fare_amount"):
            self.add_error("fare_amount", _("Give the fare's amount."))
        return data


class StopForm(forms.Form):
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all())
    instructions = forms.CharField(label=_("Where to wait"), required=False, max_length=250)


class VehicleForm(forms.ModelForm[Vehicle]):
    class Meta:
        model = Vehicle
        fields = ["name", "kind", "registration", "seats", "wheelchair_places", "home_base",
                  "is_active"]  # fmt: skip


class DriverForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Membership.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=Driver.Kind.choices)
    home = forms.ModelChoiceField(label=_("Home (nearest place)"), queryset=Place.objects.all(),
                                  required=False)  # fmt: skip
    max_distance_km = forms.IntegerField(label=_("Maximum distance from home (km)"),
                                         required=False, min_value=1)  # fmt: skip
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Available on"), choices=WEEKDAYS, coerce=int,
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip
    start_time = forms.TimeField(label=_("From"), widget=TIME, required=False)
    end_time = forms.TimeField(label=_("Until"), widget=TIME, required=False)

    def __init__(self, organisation: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (  # type: ignore[attr-defined]
            Membership.objects.filter(organisation=organisation).select_related("user")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("weekdays"):
            start, end = data.get("start_time"), data.get("end_time")
            if not start or not end or end <= start:
                self.add_error("end_time", _("Give the hours, the end after the start."))
        return data


class ExceptionForm(forms.ModelForm[AvailabilityException]):
    class Meta:
        model = AvailabilityException
        fields = ["date", "available", "start_time", "end_time", "note"]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}


class RecurringForm(ServiceErrorsMixin, forms.ModelForm[RecurringBooking]):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Every"), choices=WEEKDAYS, coerce=str, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = RecurringBooking
        fields = ["weekdays", "origin_stop", "destination_stop", "time_kind", "time",
                  "passengers", "wheelchair", "companion", "start_date", "end_date"]  # fmt: skip
        widgets = {"time": TIME, "start_date": DATE, "end_date": DATE}

    def __init__(self, service: Service, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        stops = Stop.objects.filter(service=service).select_related("place")
        self.fields["origin_stop"].queryset = stops  # type: ignore[attr-defined]
        self.fields["destination_stop"].queryset = stops  # type: ignore[attr-defined]

    def clean_weekdays(self) -> str:
        days = "".join(sorted(set(self.cleaned_data["weekdays"])))
        bad = [d for d in days if not self.service.runs_on_weekday(int(d))]
        if bad:
            raise ValidationError(_("The service does not run on some of these days."))
        return days

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("origin_stop") and data.get("origin_stop") == data.get("destination_stop"):
            self.add_error("destination_stop", _("The destination must differ from the departure."))
        t = data.get("time")
        if t and not self.service.start_time <= t <= self.service.end_time:
            self.add_error("time", _("Choose a time within the service hours."))
        end, start = data.get("end_date"), data.get("start_date")
        if end and start and end < start:
            self.add_error("end_date", _("The end must be after the start."))
        return data


class MoveForm(forms.Form):
    run = forms.ModelChoiceField(label=_("Move to"), queryset=Run.objects.none())

    def __init__(self, booking: Booking, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = (  # type: ignore[attr-defined]
            Run.objects.filter(day__service=booking.service, day__date=booking.date)
            .exclude(status=Run.Status.DECLINED)
            .exclude(pk=booking.run_id or 0)
            .select_related("vehicle", "driver__user")
        )


class StatsForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("Until"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data
