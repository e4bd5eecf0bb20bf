from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartvillage.impact.dashboard import SERVICES
from smartvillage.impact.models import CarpoolEvent, Challenge, EventCarpool
from smartvillage.territory.models import Commune


class DashboardForm(forms.Form):
    """The dashboard's filters (GET): bad values are field errors, the page still answers."""

    months = forms.IntegerField(
        label=_("Months"), min_value=1, max_value=36, initial=12, required=False
    )
    service = forms.ChoiceField(
        label=_("Service"), required=False,
        choices=[("", _("Every service")), *SERVICES.items()],
    )  # fmt: skip
    commune = forms.CharField(
        label=_("Commune (INSEE code)"), max_length=5, required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip

    def clean_commune(self) -> str:
        code = str(self.cleaned_data["commune"]).strip()
        if code and not Commune.objects.filter(insee_code=code).exists():
            raise forms.ValidationError(_("No commune of the territory has this INSEE code."))
        return code

    def filters(self) -> dict[str, Any]:
        """The valid filters (defaults for the fields in error)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "months": data.get("months") or 12,
            "service": data.get("service") or "",
            "commune": data.get("commune") or "",
        }


def _commune(code: str) -> Commune:
    commune = Commune.objects.filter(insee_code=code.strip()).first()
    if commune is None:
        raise forms.ValidationError(_("No commune of the territory has this INSEE code."))
    return commune


class CommuneField(forms.CharField):
    """A commune by its INSEE code (a plain text field: works without JavaScript)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("help_text", _("Its INSEE code, e.g. 26074 for La Chapelle-en-Vercors."))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        code = super().clean(value)
        return _commune(code) if code else None

    def prepare_value(self, value: Any) -> Any:
        return value.insee_code if isinstance(value, Commune) else value


class ChallengeForm(forms.ModelForm[Challenge]):
    communes_codes = forms.CharField(
        label=_("Communes (INSEE codes, separated by commas)"), required=False,
        help_text=_("Empty: the whole territory."),
    )  # fmt: skip

    class Meta:
        model = Challenge
        fields = ["title", "slug", "description", "metric", "target", "first_month",
                  "last_month", "is_published"]  # fmt: skip
        widgets = {
            "first_month": forms.DateInput(attrs={"type": "date"}),
            "last_month": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["communes_codes"] = ", ".join(
                self.instance.communes.values_list("insee_code", flat=True)
            )

    def clean_communes_codes(self) -> list[Commune]:
        codes = [
            c.strip() for c in str(self.cleaned_data["communes_codes"]).split(",") if c.strip()
        ]
        found = {c.insee_code: c for c in Commune.objects.filter(insee_code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(
                _("Unknown INSEE codes: %(codes)s") % {"codes": ", ".join(missing)}
            )
        return list(found.values())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("first_month", "last_month"):
            if data.get(name):
                data[name] = data[name].replace(day=1)
        first, last = data.get("first_month"), data.get("last_month")
        if first and last and last < first:
            self.add_error("last_month", _("The last month comes after the first one."))
        return data


class EventForm(forms.ModelForm[CarpoolEvent]):
    class Meta:
        model = CarpoolEvent
        fields = ["title", "slug", "starts_at", "ends_at", "place_name", "latitude", "longitude"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The event ends after it starts."))
        lat, lon = data.get("latitude"), data.get("longitude")
        if lat is not None and not -90 <= lat <= 90:
            self.add_error("latitude", _("A latitude lies between -90 and 90."))
        if lon is not None and not -180 <= lon <= 180:
            self.add_error("longitude", _("A longitude lies between -180 and 180."))
        return data


class FromAgendaForm(forms.Form):
    """A kit for an event of the hub's agenda (core/agenda.py)."""

    event_key = forms.ChoiceField(label=_("Event of the agenda"))
    slug = forms.SlugField(label=_("Short name"))

    def __init__(self, *args: Any, events: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.events = {e.key: e for e in events}
        field: Any = self.fields["event_key"]
        field.choices = [(e.key, f"{e.title} — {e.starts_at:%d/%m/%Y}") for e in events]

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data["slug"])
        if CarpoolEvent.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This short name is taken."))
        return slug


class CarpoolForm(forms.ModelForm[EventCarpool]):
    commune = CommuneField(label=_("From or to the commune"))

    class Meta:
        model = EventCarpool
        fields = ["kind", "direction", "commune", "seats", "departure_at", "comment"]
        widgets = {
            "kind": forms.RadioSelect,
            "direction": forms.RadioSelect,
            "departure_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def clean_seats(self) -> int:
        seats = int(self.cleaned_data["seats"])
        if seats > 8:
            raise forms.ValidationError(_("At most 8 seats."))
        return seats


class RideHomeForm(forms.Form):
    where = forms.CharField(label=_("Where I am"), max_length=200)
    where_commune = CommuneField(label=_("Commune where I am"))
    home = forms.CharField(label=_("Home address"), max_length=200)
    home_commune = CommuneField(label=_("My commune"))
    at = forms.DateTimeField(
        label=_("Leave at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def clean_at(self) -> Any:
        from datetime import timedelta

        from django.utils import timezone

        at = self.cleaned_data["at"]
        now = timezone.now()
        if at < now - timedelta(minutes=15):
            raise forms.ValidationError(_("This time has passed."))
        if at > now + timedelta(hours=24):
            raise forms.ValidationError(_("A ride home is for the next 24 hours."))
        return at
