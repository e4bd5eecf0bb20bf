from __future__ import annotations

from datetime import time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from smartvillage.core import booking as core_booking
from smartvillage.core.errors import ServiceErrorsMixin
from smartvillage.core.images import PhotoValidator
from smartvillage.territory.models import Commune
from smartvillage.thirdplaces.models import (
    SERVICES,
    Booking,
    Closure,
    Event,
    OpeningHours,
    PassProduct,
    Photo,
    Space,
    ThirdPlace,
    Workplace,
)

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
            (Booking.Period.DAY, Booking.Period.DAY.label),
            (Booking.Period.MORNING, Booking.Period.MORNING.label),
            (Booking.Period.AFTERNOON, Booking.Period.AFTERNOON.label),
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


# --- Manager pages -------------------------------------------------------------------------------

# Phone photos weigh a few MB; the limit keeps slow uploads and the disk in check.
validate_photo = PhotoValidator(max_mb=5)


class PlaceForm(forms.ModelForm[ThirdPlace]):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = ThirdPlace
        fields = [
            "name", "description",
            "has_coworking", "has_meeting_rooms", "has_fablab", "has_cafe", "has_digital_help",
            "has_events",
            "address", "latitude", "longitude", "email", "phone", "website",
            "accessibility", "wheelchair_accessible",
            "closed_on_public_holidays", "midday", "booking_horizon_days",
            "cancellation_deadline", "members_only", "is_published",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "midday": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {"cancellation_deadline": _("Hours:minutes:seconds, e.g. 02:00:00.")}


class OpeningHoursForm(forms.ModelForm[OpeningHours]):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens"), data.get("closes")
        if opens is not None and closes is not None and closes != time(0) and closes <= opens:
            self.add_error("closes", _("It must close after it opens (00:00 means midnight)."))
        return data


class BaseHoursFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        """Two intervals of one day must not overlap."""
        super().clean()
        by_day: dict[int, list[tuple[time, time]]] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form.errors:
                continue
            if data.get("weekday") is None or not data.get("opens") or data.get("closes") is None:
                continue
            weekday, start = data["weekday"], data["opens"]
            end = time.max if data["closes"] == time(0) else data["closes"]
            if any(start < closes and opens < end for opens, closes in by_day.get(weekday, [])):
                form.add_error("opens", _("This interval overlaps another of the same day."))
            by_day.setdefault(weekday, []).append((start, end))


HoursFormSet = forms.inlineformset_factory(
    ThirdPlace,
    OpeningHours,
    form=OpeningHoursForm,
    formset=BaseHoursFormSet,
    extra=3,
    can_delete=True,
)


class PhotoForm(forms.ModelForm[Photo]):
    image = forms.ImageField(
        label=_("Photo"),
        validators=[validate_photo],
        help_text=_("JPEG, PNG or WebP, 5 MB at most. Prefer a photo about 1200 px wide."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Photo
        fields = ["image", "alt_text", "position"]


class SpaceForm(forms.ModelForm[Space]):
    class Meta:
        model = Space
        fields = [
            "name", "kind", "description", "capacity", "price_half_day", "price_day",
            "price_hour", "min_hours", "max_hours", "is_active",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_hours"), data.get("max_hours")
        if low is not None and high is not None and high < low:
            self.add_error("max_hours", _("The maximum cannot be below the minimum."))
        if not self.instance.pk:
            return data
        live = Booking.objects.live().filter(space=self.instance, ends_at__gt=timezone.now())
        kind = data.get("kind")
        # In clean(), the instance still holds the saved values.
        changes_kind = (kind == Space.Kind.DESKS) != (self.instance.kind == Space.Kind.DESKS)
        if kind and changes_kind and live.exists():
            self.add_error(
                "kind",
                _(
                    "Bookings are planned in this space: desks and rooms are booked "
                    "differently. Create a new space instead."
                ),
            )
        capacity = data.get("capacity")
        if kind == Space.Kind.DESKS and capacity and capacity < self.instance.capacity:
            ranges = list(live.values_list("starts_at", "ends_at", "quantity"))
            if ranges:
                start = min(r[0] for r in ranges)
                end = max(r[1] for r in ranges)
                peak = core_booking.peak_usage(ranges, start, end)
                if peak > capacity:
                    self.add_error(
                        "capacity",
                        ngettext_lazy(
                            "%(peak)s desk is already booked at one moment: cancel bookings "
                            "before reducing the capacity.",
                            "%(peak)s desks are already booked at one moment: cancel bookings "
                            "before reducing the capacity.",
                            "peak",
                        )
                        % {"peak": peak},
                    )
        return data


class PassProductForm(forms.ModelForm[PassProduct]):
    class Meta:
        model = PassProduct
        fields = ["name", "kind", "price", "visits", "validity_days", "is_active"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, visits = data.get("kind"), data.get("visits")
        if kind == PassProduct.Kind.CARD and not visits:
            self.add_error("visits", _("A visit card needs a number of visits, e.g. 10."))
        if kind == PassProduct.Kind.DAY_PASS and visits not in (None, 1, 2):
            self.add_error("visits", _("A day pass covers one day: 1 or 2 visits (half-days)."))
        if kind == PassProduct.Kind.MONTHLY and visits == 0:
            self.add_error("visits", _("Leave empty for an unlimited membership."))
        return data


class ManagerCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the member)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. heating failure")}),
    )


class FeedUploadForm(forms.Form):
    feed = forms.FileField(
        label=_("iCalendar file (.ics)"),
        help_text=_(
            "Exported from Fab-manager, Nextcloud, Google Calendar… Recurring events are "
            "expanded over the coming months; importing again updates the events."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".ics,text/calendar"}),
    )
