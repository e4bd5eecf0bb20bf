from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.territory.models import Commune
from smartvillage.thirdplaces.models import SERVICES, Booking, Closure, Event, Workplace

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceErrorsMixin:
    def apply_service_errors(self, exc: ValidationError) -> None:
        """Show the service's errors on the fields they name, the others above the form."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)  # type: ignore[attr-defined]
            return
        for name, errors in exc.error_dict.items():
            target = name if name in self.fields else None  # type: ignore[attr-defined]
            for error in errors:
                self.add_error(target, error)  # type: ignore[attr-defined]


class DirectoryFilter(forms.Form):
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        choices=[("", _("All services")), *((k, v) for k, v in SERVICES.items())],
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        to_field_name="insee_code",
        empty_label=_("All communes"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from smartvillage.thirdplaces.models import ThirdPlace

        field = self.fields["commune"]
        assert isinstance(field, forms.ModelChoiceField)
        ids = ThirdPlace.objects.published().values("commune_id")
        field.queryset = Commune.objects.filter(pk__in=ids).order_by("name")


class DeskForm(ServiceErrorsMixin, forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE_WIDGET)
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (Booking.Period.DAY, _("Whole day")),
            (Booking.Period.MORNING, _("Morning")),
            (Booking.Period.AFTERNOON, _("Afternoon")),
        ],
    )
    quantity = forms.IntegerField(label=_("Desks"), min_value=1, max_value=50, initial=1)
    use_pass = forms.BooleanField(
        label=_("Use my pass if I have one"), required=False, initial=True
    )


class HoursForm(ServiceErrorsMixin, forms.Form):
    start = forms.DateTimeField(label=_("From"), widget=DATETIME_WIDGET)
    end = forms.DateTimeField(label=_("Until"), widget=DATETIME_WIDGET)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data


class PassForm(forms.Form):
    first_day = forms.DateField(label=_("First day"), widget=DATE_WIDGET, required=False)

    def clean_first_day(self) -> Any:
        return self.cleaned_data.get("first_day") or timezone.localdate()


class WorkplaceForm(forms.ModelForm[Workplace]):
    commune = forms.ModelChoiceField(
        label=_("Commune of the usual workplace"),
        queryset=Commune.objects.all(),
        to_field_name="insee_code",
        help_text=_("INSEE code, e.g. 38185 for Grenoble."),
        widget=forms.TextInput(),
    )
    home_commune = forms.ModelChoiceField(
        label=_("Home commune"),
        queryset=Commune.objects.all(),
        to_field_name="insee_code",
        required=False,
        help_text=_("INSEE code; empty: the commune of your profile."),
        widget=forms.TextInput(),
    )

    class Meta:
        model = Workplace
        fields = ["label", "commune", "home_commune"]


class CoverageForm(forms.Form):
    departement = forms.CharField(label=_("Département"), required=False, max_length=3)
    minutes = forms.FloatField(label=_("Threshold (minutes)"), min_value=1, max_value=120)
    k = forms.IntegerField(
        label=_("New sites to propose"), min_value=0, max_value=30, required=False
    )


class ClosureForm(forms.ModelForm[Closure]):
    class Meta:
        model = Closure
        fields = ["first_day", "last_day", "reason"]
        widgets = {"first_day": DATE_WIDGET, "last_day": DATE_WIDGET}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("The last day cannot be before the first."))
        return data


class EventForm(forms.ModelForm[Event]):
    url = forms.URLField(
        label=_("more information"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Event
        fields = [
            "title", "kind", "starts_at", "ends_at", "location", "capacity",
            "registration_required", "price", "description", "url",
        ]  # fmt: skip
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end < start:
            self.add_error("ends_at", _("The end must be after the start."))
        return data
