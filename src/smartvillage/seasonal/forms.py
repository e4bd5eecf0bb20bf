"""Forms of seasonal work: the fields people fill; the rules live in ``services.py``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartvillage.accounts.models import Organisation
from smartvillage.core.errors import ServiceErrorsMixin
from smartvillage.seasonal import rome
from smartvillage.seasonal.models import (
    Application,
    HousingOffer,
    HousingRequest,
    Intercommunality,
    Job,
    Season,
    WorkerProfile,
)
from smartvillage.territory.models import Commune

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _codes(mapping: dict[str, Any], label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=rome.choices(mapping),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class JobForm(ServiceErrorsMixin, forms.ModelForm):  # type: ignore[type-arg]
    languages_required = _codes(rome.LANGUAGES, _("Languages required"))
    languages_preferred = _codes(rome.LANGUAGES, _("Languages preferred"))
    licences_required = _codes(rome.LICENCES, _("Licences required"))
    licences_preferred = _codes(rome.LICENCES, _("Licences preferred"))
    skills_required = _codes(rome.skills(), _("Skills required"))
    skills_preferred = _codes(rome.skills(), _("Skills preferred"))

    class Meta:
        model = Job
        fields = [
            "title", "description", "rome_code", "season", "commune", "latitude", "longitude",
            "starts_on", "ends_on", "contract", "weekly_hours", "hourly_wage", "housing",
            "meals", "languages_required", "languages_preferred", "licences_required",
            "licences_preferred", "skills_required", "skills_preferred", "transport_access",
            "positions",
        ]  # fmt: skip
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {"latitude": _("Leave empty to use the commune's centre.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["latitude"].required = False
        self.fields["longitude"].required = False
        fields: Any = self.fields
        fields["commune"].queryset = Commune.objects.order_by("name")
        fields["season"].queryset = Season.objects.select_related("intercommunality")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        commune = data.get("commune")
        if commune is not None:
            if data.get("latitude") is None:
                data["latitude"] = commune.latitude
            if data.get("longitude") is None:
                data["longitude"] = commune.longitude
        return data

    def _post_clean(self) -> None:
        # Fill the coordinates before the model's own validation runs on the instance.
        for name in ("latitude", "longitude"):
            if getattr(self, "cleaned_data", None) and self.cleaned_data.get(name) is not None:
                setattr(self.instance, name, self.cleaned_data[name])
        super()._post_clean()  # type: ignore[misc]


WINDOWS = 3


class ProfileForm(ServiceErrorsMixin, forms.ModelForm):  # type: ignore[type-arg]
    skills = _codes(rome.skills(), _("Skills"))
    languages = _codes(rome.LANGUAGES, _("Languages"))
    licences = _codes(rome.LICENCES, _("Licences"))
    shown_fields = _codes(WorkerProfile.SHAREABLE, _("Shown to employers"))
    wished_communes = forms.ModelMultipleChoiceField(
        label=_("Wished places"),
        queryset=Commune.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    error_fields = {"availability": "available_from_1"}

    class Meta:
        model = WorkerProfile
        fields = [
            "skills", "languages", "licences", "wished_communes", "needs_housing", "has_car",
            "my_path", "open_to_offers", "shown_fields",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        windows = list(self.instance.availabilities.all()) if self.instance.pk else []
        for i in range(1, WINDOWS + 1):
            window = windows[i - 1] if i <= len(windows) else None
            self.fields[f"available_from_{i}"] = forms.DateField(
                label=_("Available from (%(n)s)") % {"n": i}, required=False, widget=DATE,
                initial=window.starts_on if window else None,
            )  # fmt: skip
            self.fields[f"available_until_{i}"] = forms.DateField(
                label=_("Available until (%(n)s)") % {"n": i}, required=False, widget=DATE,
                initial=window.ends_on if window else None,
            )  # fmt: skip
        if self.instance.pk:
            self.initial["wished_communes"] = list(self.instance.wished_communes.all())

    def windows(self) -> list[tuple[date, date]]:
        spans = []
        for i in range(1, WINDOWS + 1):
            start = self.cleaned_data.get(f"available_from_{i}")
            end = self.cleaned_data.get(f"available_until_{i}")
            if start and end:
                spans.append((start, end))
        return spans

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, WINDOWS + 1):
            if bool(data.get(f"available_from_{i}")) != bool(data.get(f"available_until_{i}")):
                self.add_error(f"available_until_{i}", _("Give both dates of the window."))
        return data

    def save(self, commit: bool = True) -> WorkerProfile:  # the service saves
        raise NotImplementedError


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the employer"), widget=forms.Textarea(attrs={"rows": 4}),
        required=False, max_length=2000,
    )  # fmt: skip


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (Application.Status.SHORTLISTED.value, _("Shortlist")),
            (Application.Status.ACCEPTED.value, _("Accept")),
            (Application.Status.DECLINED.value, _("Decline")),
        ],
    )
    reply = forms.CharField(label=_("Message"), required=False, max_length=2000)


class RehireForm(forms.Form):
    worker = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(label=_("Message"), required=False, max_length=2000)


class JobSearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    rome = forms.ChoiceField(
        label=_("Trade"), required=False, choices=[("", "—"), *rome.choices(rome.jobs())]
    )
    area = forms.ModelChoiceField(
        label=_("Intercommunality"), required=False, queryset=Intercommunality.objects.all(),
        to_field_name="slug",
    )  # fmt: skip
    commune = forms.ModelChoiceField(
        label=_("Commune"), required=False, queryset=Commune.objects.order_by("name"),
        to_field_name="insee_code",
    )  # fmt: skip
    contract = forms.ChoiceField(
        label=_("Contract"), required=False, choices=[("", "—"), *Job.Contract.choices]
    )
    housing = forms.BooleanField(label=_("With housing provided or helped"), required=False)
    without_car = forms.BooleanField(label=_("Reachable without a car"), required=False)

    def filter(self, jobs: Any) -> Any:
        data = self.cleaned_data
        if data.get("q"):
            jobs = jobs.filter(title__icontains=data["q"]) | jobs.filter(
                description__icontains=data["q"]
            )
        if data.get("rome"):
            jobs = jobs.filter(rome_code=data["rome"])
        if data.get("area"):
            jobs = jobs.filter(season__intercommunality=data["area"])
        if data.get("commune"):
            jobs = jobs.filter(commune=data["commune"])
        if data.get("contract"):
            jobs = jobs.filter(contract=data["contract"])
        if data.get("housing"):
            jobs = jobs.exclude(housing=Job.Housing.NONE)
        if data.get("without_car"):
            jobs = jobs.filter(reachable_without_car=True)
        return jobs

    def saved_filters(self) -> dict[str, Any]:
        """The filters as plain JSON (slugs and codes), for a saved search."""
        out: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if value in (None, "", False):
                continue
            if name == "area":
                value = value.slug
            elif name == "commune":
                value = value.insee_code
            out[name] = value
        return out


class SaveSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the alert"), max_length=100)


class SeasonDeclareForm(forms.Form):
    employer = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER),
        to_field_name="slug",
    )
    season = forms.ModelChoiceField(label=_("Season"), queryset=Season.objects.all())
    job_title = forms.CharField(label=_("Job"), max_length=150)


class HousingOfferForm(ServiceErrorsMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = HousingOffer
        fields = [
            "title", "description", "commune", "latitude", "longitude", "season",
            "available_from", "available_until", "monthly_rent", "monthly_charges", "deposit",
            "employer_guarantee", "capacity", "shared", "reserved_to_staff",
        ]  # fmt: skip
        widgets = {"available_from": DATE, "available_until": DATE}


class HousingRequestForm(ServiceErrorsMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = HousingRequest
        fields = ["commune", "starts_on", "ends_on", "max_rent", "people", "note",
                  "consent_to_contact"]  # fmt: skip
        widgets = {"starts_on": DATE, "ends_on": DATE}
