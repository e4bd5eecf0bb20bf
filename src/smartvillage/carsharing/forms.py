from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.carsharing.models import CarshareMember, Trip
from smartvillage.territory.models import Commune

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def default_slot() -> tuple[str, str]:
    """The next full hour, for two hours, as datetime-local values."""
    start = timezone.localtime().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    end = start + timedelta(hours=2)
    return start.strftime("%Y-%m-%dT%H:%M"), end.strftime("%Y-%m-%dT%H:%M")


class SlotForm(forms.Form):
    start = forms.DateTimeField(label=_("From"), widget=DATETIME_WIDGET)
    end = forms.DateTimeField(label=_("Until"), widget=DATETIME_WIDGET)

    def apply_service_errors(self, exc: ValidationError) -> None:
        """Show the service's errors on the fields they name (vehicle errors on the form)."""
        if not hasattr(exc, "error_dict"):  # ResourceBusy: "please retry"
            self.add_error(None, exc)
            return
        for field, errors in exc.error_dict.items():
            target = field if field in self.fields else None
            for error in errors:
                self.add_error(target if target else None, error)


class FindForm(SlotForm):
    commune = forms.ModelChoiceField(
        label=_("Near"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Everywhere"),
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        field = self.fields["commune"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Commune.objects.filter(pk__in=_station_communes()).order_by("name")


def _station_communes() -> Any:
    from smartvillage.carsharing.models import Station

    return Station.objects.filter(is_active=True).values("commune_id")


class JoinForm(forms.ModelForm[CarshareMember]):
    class Meta:
        model = CarshareMember
        fields = ["licence_number", "licence_expiry"]
        widgets = {"licence_expiry": forms.DateInput(attrs={"type": "date"})}


class CheckOutForm(forms.Form):
    odometer = forms.IntegerField(label=_("Odometer (km)"), min_value=0)
    battery = forms.IntegerField(label=_("Battery (%)"), min_value=0, max_value=100)


class CheckInForm(CheckOutForm):
    cleanliness = forms.ChoiceField(label=_("Cleanliness"), choices=Trip.Cleanliness.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    damage = forms.CharField(
        label=_("Damage to report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty if there is nothing to report."),
    )


__all__ = ["NON_FIELD_ERRORS", "CheckInForm", "CheckOutForm", "FindForm", "JoinForm", "SlotForm"]
