from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.accounts.models import Organisation
from smartvillage.carsharing.models import (
    CarshareMember,
    DamageReport,
    MaintenanceBlock,
    PricingPlan,
    Station,
    Trip,
    Vehicle,
)
from smartvillage.core.errors import ServiceErrorsMixin
from smartvillage.core.images import PhotoValidator
from smartvillage.territory.models import Commune, Place, search_key

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def default_slot() -> tuple[str, str]:
    """The next full hour, for two hours, as datetime-local values."""
    start = timezone.localtime().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    end = start + timedelta(hours=2)
    return start.strftime("%Y-%m-%dT%H:%M"), end.strftime("%Y-%m-%dT%H:%M")


class SlotForm(ServiceErrorsMixin, forms.Form):
    """The service's errors land on ``start``/``end``; vehicle and member errors above the form."""

    start = forms.DateTimeField(label=_("From"), widget=DATETIME_WIDGET)
    end = forms.DateTimeField(label=_("Until"), widget=DATETIME_WIDGET)


@dataclass(frozen=True)
class Origin:
    """Where the member starts from: a commune or a named place of the territory."""

    name: str
    latitude: float
    longitude: float


def find_origin(text: str) -> Origin | None:
    """A commune (exact name first, then the best match) or else a named place."""
    key = search_key(text)
    if not key:
        return None
    communes = Commune.objects.search(text).exclude(latitude__isnull=True)
    commune = communes.filter(search_name=key).first() or communes.first()
    if commune is not None and commune.latitude is not None and commune.longitude is not None:
        return Origin(commune.name, commune.latitude, commune.longitude)
    place = Place.objects.filter(name__icontains=text.strip()).order_by("name").first()
    if place is not None:
        return Origin(place.name, place.latitude, place.longitude)
    return None


class FindForm(SlotForm):
    near = forms.CharField(
        label=_("Near (commune or place)"),
        required=False,
        max_length=100,
        help_text=_("The cars are sorted by distance from here."),
    )

    def clean_near(self) -> Origin | None:
        text = self.cleaned_data.get("near", "").strip()
        if not text:
            return None
        origin = find_origin(text)
        if origin is None:
            raise ValidationError(
                _("We do not know “%(name)s”: try the name of a commune."),
                code="unknown_place",
                params={"name": text},
            )
        return origin

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data


class JoinForm(forms.ModelForm[CarshareMember]):
    class Meta:
        model = CarshareMember
        fields = ["licence_number", "licence_expiry"]
        widgets = {"licence_expiry": forms.DateInput(attrs={"type": "date"})}


# Photos: Django's ImageField has Pillow open and verify the file (a renamed PDF is refused);
# we also cap the size (phone photos over 3G) and accept the formats every browser shows.
# Phone photos weigh a few MB; the limit keeps slow uploads and the disk in check.
validate_photo = PhotoValidator(max_mb=8)
PHOTO_WIDGET = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})


class CheckOutForm(forms.Form):
    odometer = forms.IntegerField(label=_("Odometer (km)"), min_value=0)
    battery = forms.IntegerField(label=_("Battery (%)"), min_value=0, max_value=100)
    damage = forms.CharField(
        label=_("Damage to report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty if there is nothing to report."),
    )
    damage_photo = forms.ImageField(
        label=_("Photo of the damage"),
        required=False,
        widget=PHOTO_WIDGET,
        validators=[validate_photo],
    )


class CheckInForm(CheckOutForm):
    cleanliness = forms.ChoiceField(label=_("Cleanliness"), choices=Trip.Cleanliness.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["odometer", "battery", "cleanliness", "note", "damage", "damage_photo"]


class LateForm(forms.Form):
    end = forms.DateTimeField(label=_("I will bring the car back at"), widget=DATETIME_WIDGET)


# --- Fleet manager -------------------------------------------------------------------------------


class StationForm(forms.ModelForm[Station]):
    class Meta:
        model = Station
        fields = [
            "name",
            "place",
            "commune",
            "latitude",
            "longitude",
            "address",
            "parking_instructions",
            "key_instructions",
            "has_charging_point",
            "charging_details",
            "is_active",
        ]
        widgets = {
            "parking_instructions": forms.Textarea(attrs={"rows": 3}),
            "key_instructions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "latitude": _("Leave empty to use the place's position."),
            "longitude": _("Leave empty to use the place's position."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["latitude"].required = False
        self.fields["longitude"].required = False
        place = self.fields["place"]
        assert isinstance(place, forms.ModelChoiceField)
        place.queryset = Place.objects.select_related("commune").order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        place = data.get("place")
        if place is not None:
            if data.get("latitude") is None and data.get("longitude") is None:
                data["latitude"], data["longitude"] = place.latitude, place.longitude
            if data.get("commune") is None:
                data["commune"] = place.commune
        for name in ("latitude", "longitude"):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, _("Choose a place or give the position."))
        return data


class VehicleForm(forms.ModelForm[Vehicle]):
    class Meta:
        model = Vehicle
        fields = [
            "name",
            "station",
            "make",
            "model",
            "plate",
            "propulsion",
            "seats",
            "range_km",
            "charge_percent",
            "key_instructions",
            "photo",
            "status",
            "pricing_plan",
        ]
        widgets = {"key_instructions": forms.Textarea(attrs={"rows": 3}), "photo": PHOTO_WIDGET}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        station = self.fields["station"]
        plan = self.fields["pricing_plan"]
        assert isinstance(station, forms.ModelChoiceField)
        assert isinstance(plan, forms.ModelChoiceField)
        station.queryset = Station.objects.filter(organisation=organisation)
        plan.queryset = PricingPlan.objects.filter(organisation=organisation)
        plan.empty_label = _("The fleet's default plan")
        self.fields["photo"].validators.append(validate_photo)
        self.fields["seats"].validators.append(MinValueValidator(1))


class MaintenanceBlockForm(forms.ModelForm[MaintenanceBlock]):
    class Meta:
        model = MaintenanceBlock
        fields = ["starts_at", "ends_at", "reason"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end of the maintenance must be after its start."))
        return data

    def validate_constraints(self, exclude: Any = None) -> None:
        """The database check (end after start) is reported by ``clean`` on the field."""


class PricingPlanForm(forms.ModelForm[PricingPlan]):
    class Meta:
        model = PricingPlan
        fields = [
            "name",
            "description",
            "hourly_rate",
            "per_km_rate",
            "daily_cap",
            "membership_fee",
            "deposit",
            "is_default",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation


class DamageFollowUpForm(forms.ModelForm[DamageReport]):
    class Meta:
        model = DamageReport
        fields = ["status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


__all__ = ["NON_FIELD_ERRORS", "CheckInForm", "CheckOutForm", "FindForm", "JoinForm", "SlotForm"]
