"""Forms of the rideshare pages; the rules live in the services (their field errors land here)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smartvillage.core.errors import ServiceErrorsMixin
from smartvillage.rideshare.models import Member, Relay, Stop, Vehicle
from smartvillage.territory.models import Commune

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
WEEKDAYS = [
    ("1", _("Monday")), ("2", _("Tuesday")), ("3", _("Wednesday")), ("4", _("Thursday")),
    ("5", _("Friday")), ("6", _("Saturday")), ("7", _("Sunday")),
]  # fmt: skip


def resolve_place(text: str) -> tuple[tuple[float, float], str]:
    """A stop name, a commune name or "lat, lon" → (point, label). ValidationError otherwise."""
    text = text.strip()
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            pass
        else:
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return (lat, lon), f"{lat:.3f}, {lon:.3f}"
            raise ValidationError(_("Coordinates are latitude, longitude in degrees."))
    stop = Stop.objects.active().select_related("place").filter(place__name__iexact=text).first()
    if stop:
        return stop.point, stop.place.name
    commune = Commune.objects.search(text).first() if text else None
    if commune:
        return (commune.latitude, commune.longitude), commune.name
    raise ValidationError(_("Unknown place: type a stop, a commune or “latitude, longitude”."))


class PlaceField(forms.CharField):
    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        return resolve_place(value) if value else None


class JoinForm(ServiceErrorsMixin, forms.Form):
    birth_date = forms.DateField(label=_("Date of birth"), widget=forms.DateInput({"type": "date"}))
    guardian_name = forms.CharField(
        label=_("Parent or guardian (members aged 16 or 17)"), required=False, max_length=150
    )
    guardian_consent = forms.BooleanField(
        label=_("My parent or guardian agrees to my membership"), required=False
    )
    is_driver = forms.BooleanField(label=_("I also drive"), required=False)
    relay = forms.ModelChoiceField(
        label=_("Where I will show my ID"),
        queryset=Relay.objects.filter(is_active=True).select_related("organisation"),
        required=False,
    )
    photo = forms.FileField(label=_("Photo for the member card"), required=False)
    accept_charter = forms.BooleanField(label=_("I accept the charter"), required=False)


class VehicleForm(ServiceErrorsMixin, forms.Form):
    plate = forms.CharField(label=_("Number plate"), max_length=15)
    colour = forms.CharField(label=_("Colour"), max_length=40)
    model = forms.CharField(label=_("Make and model"), max_length=80)


class TripForm(ServiceErrorsMixin, forms.Form):
    vehicle: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Vehicle"), queryset=Vehicle.objects.none(), required=False
    )
    origin = PlaceField(label=pgettext_lazy("place", "From"))
    destination = PlaceField(label=pgettext_lazy("place", "To"))
    departure_at = forms.DateTimeField(label=_("One-off: date and time"), required=False,
                                       widget=DATETIME)  # fmt: skip
    departure_time = forms.TimeField(label=_("Regular: time"), required=False,
                                     widget=forms.TimeInput({"type": "time"}))  # fmt: skip
    weekdays = forms.MultipleChoiceField(
        label=_("Regular: days"),
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_until = forms.DateField(label=pgettext_lazy("time", "Regular: until"), required=False,
                                  widget=forms.DateInput({"type": "date"}))  # fmt: skip
    seats = forms.IntegerField(label=_("Seats offered"), min_value=0, max_value=8, initial=3)
    flex_minutes = forms.IntegerField(label=_("Flexibility (minutes)"), min_value=0,
                                      max_value=120, initial=10)  # fmt: skip
    via = forms.ModelMultipleChoiceField(
        label=_("Via stops"),
        required=False,
        queryset=Stop.objects.active().select_related("place"),
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=250)

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vehicle"].queryset = member.vehicles.filter(is_active=True)  # type: ignore[attr-defined]


class RequestForm(ServiceErrorsMixin, forms.Form):
    origin = PlaceField(label=pgettext_lazy("place", "From"))
    destination = PlaceField(label=pgettext_lazy("place", "To"))
    departure_at = forms.DateTimeField(label=_("When"), widget=DATETIME)
    flex_minutes = forms.IntegerField(label=_("Flexibility (minutes)"), min_value=0,
                                      max_value=180, initial=30)  # fmt: skip
    seats = forms.IntegerField(label=_("Seats"), min_value=0, max_value=8, initial=1)


class ContactForm(ServiceErrorsMixin, forms.Form):
    ride_on = forms.DateField(label=_("Day"), widget=forms.DateInput({"type": "date"}))
    message = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea({"rows": 3})
    )


class MessageForm(ServiceErrorsMixin, forms.Form):
    body = forms.CharField(label=_("Message"), max_length=1000, widget=forms.Textarea({"rows": 3}))


class HitchForm(ServiceErrorsMixin, forms.Form):
    stop = forms.ModelChoiceField(
        label=_("I am at the stop"), queryset=Stop.objects.active().select_related("place")
    )
    destination = forms.ModelChoiceField(
        label=_("Going to"), queryset=Stop.objects.active().select_related("place")
    )
    minutes = forms.IntegerField(label=_("Waiting for (minutes)"), min_value=1, max_value=240,
                                 initial=20)  # fmt: skip


class AcceptForm(forms.Form):
    vehicle: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Vehicle"), queryset=Vehicle.objects.none()
    )

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vehicle"].queryset = member.vehicles.filter(is_active=True)  # type: ignore[attr-defined]


class NotifyForm(forms.Form):
    notify_by = forms.ChoiceField(
        label=_("Tell me about hitchhikers on my way, requests and answers"),
        choices=Member.NotifyBy.choices,
        widget=forms.RadioSelect,
    )


class ContributionForm(forms.Form):
    """The costs the passenger shared with the driver, in euros (stored in cents)."""

    amount = forms.DecimalField(
        label=_("Costs shared by the passenger (€)"),
        min_value=Decimal("0"),
        max_value=Decimal("200"),
        decimal_places=2,
    )

    def cents(self) -> int:
        return int(self.cleaned_data["amount"] * 100)


class RateForm(ServiceErrorsMixin, forms.Form):
    score = forms.TypedChoiceField(label=_("Rating"), coerce=int,
                                   choices=[(i, str(i)) for i in range(5, 0, -1)])  # fmt: skip
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)


class ReportForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("What happened"), max_length=2000, widget=forms.Textarea)


class ValidateForm(ServiceErrorsMixin, forms.Form):
    id_document = forms.ChoiceField(label=_("ID document checked"),
                                    choices=Member.IdDocument.choices)  # fmt: skip


class ModerateForm(ServiceErrorsMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("dismissed", _("Dismiss")), ("suspended", _("Suspend"))])


class StopForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180)
    directions = forms.CharField(label=_("Directions served (comma-separated)"), max_length=250)
    has_shelter = forms.BooleanField(label=_("Shelter"), required=False)
    wheelchair_accessible = forms.BooleanField(label=_("Wheelchair accessible"), required=False)
    accessibility = forms.CharField(label=_("Accessibility notes"), required=False, max_length=250)
    photo = forms.FileField(label=_("Photo"), required=False)
