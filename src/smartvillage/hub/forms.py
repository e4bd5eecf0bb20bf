"""Forms of the hub. Sets of choices (roles, dimensions, contact channels) are stored as
words (models.words) and edited as check boxes; communes are typed as INSEE codes."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartvillage.core import figures
from smartvillage.core.images import PhotoValidator
from smartvillage.hub import indicators
from smartvillage.hub.models import (
    Actor,
    Assessment,
    Dimension,
    Event,
    Initiative,
    InitiativeActor,
    InitiativePhoto,
    Resource,
    Theme,
    words,
)
from smartvillage.territory.models import Commune, ServiceArea

_CODES = re.compile(r"[\s,;]+")


class InseeCodesField(forms.CharField):
    """INSEE codes separated by spaces or commas → the communes (an unknown code is an error)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("INSEE codes of the communes, separated by spaces (e.g. 26074 38225).")
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[Commune]:
        text = super().clean(value) or ""
        codes = [c for c in _CODES.split(text.strip()) if c]
        bad = [c for c in codes if not re.fullmatch(r"[0-9][0-9AB][0-9]{3}", c)]
        if bad:
            raise forms.ValidationError(
                _("Not an INSEE code: %(codes)s."), code="insee", params={"codes": ", ".join(bad)}
            )
        found = {c.insee_code: c for c in Commune.objects.filter(insee_code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(
                _("Unknown commune: %(codes)s."),
                code="unknown_commune",
                params={"codes": ", ".join(missing)},
            )
        return [found[c] for c in dict.fromkeys(codes)]


def _checkboxes(choices: Any, label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class WordSetsMixin:
    """Check boxes for the model's word-set fields (``WORD_SETS``: field → choices)."""

    WORD_SETS: dict[str, Any] = {}
    instance: Any
    fields: Any
    cleaned_data: dict[str, Any]

    def _init_word_sets(self) -> None:
        for name, choices in self.WORD_SETS.items():
            field = self.fields[name]
            self.fields[name] = _checkboxes(choices.choices, field.label)
            self.fields[name].help_text = field.help_text
            if self.instance.pk:
                self.initial[name] = words(getattr(self.instance, name))  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        # Join the sets before the model form copies and validates them as text.
        for name in self.WORD_SETS:
            if name in self.cleaned_data:
                self.cleaned_data[name] = " ".join(self.cleaned_data[name] or [])
        super()._post_clean()  # type: ignore[misc]

    def _apply_word_sets(self, obj: Any) -> None:
        for name in self.WORD_SETS:
            value = self.cleaned_data.get(name) or ""
            setattr(obj, name, value if isinstance(value, str) else " ".join(value))


class ActorForm(WordSetsMixin, forms.ModelForm[Actor]):
    WORD_SETS = {"roles": Actor.Role, "helps_on": Dimension, "contact_by": Actor.Contact}
    commune_codes = InseeCodesField(label=_("Communes"))
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Actor
        fields = [
            "kind", "name", "organisation", "description", "roles", "helps_on", "themes",
            "email", "phone", "website", "contact_by", "latitude", "longitude", "consent_listed",
        ]  # fmt: skip
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_word_sets()
        # Only organisations the person runs (admin/operator) may get an entry from them.
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].required = False
        self.fields["consent_listed"].required = False
        if self.instance.pk:
            self.initial["commune_codes"] = " ".join(
                c.insee_code for c in self.instance.communes.all()
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Actor.Kind.ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", _("Choose the organisation this entry describes."))
        if data.get("kind") == Actor.Kind.PERSON:
            data["organisation"] = None
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both the latitude and the longitude, or neither."))
        return data

    def apply(self) -> Actor:
        """The actor with the form's values, not saved (the service saves it)."""
        actor: Actor = self.instance
        self._apply_word_sets(actor)
        return actor

    def save_relations(self) -> None:
        self.instance.themes.set(self.cleaned_data["themes"])
        self.instance.communes.set(self.cleaned_data["commune_codes"])


class ActorRolesField(forms.CharField):
    """One line per actor of the directory: "Name: role" (the name as listed, or its slug)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("One per line: the actor's name in the directory, a colon, its role "
              "(for example “Centre social La Paz: runs the service”)."),
        )  # fmt: skip
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[tuple[Actor, str]]:
        text = super().clean(value) or ""
        found: dict[int, tuple[Actor, str]] = {}
        unknown = []
        for line in text.splitlines():
            name, _sep, role = line.partition(":")
            name = name.strip()
            if not name:
                continue
            actor = Actor.objects.listed().filter(Q(slug=name) | Q(name__iexact=name)).first()
            if actor is None:
                unknown.append(name)
            else:
                found[actor.pk] = (actor, role.strip()[:120])
        if unknown:
            raise forms.ValidationError(
                _("Not in the directory: %(names)s."),
                code="unknown_actor",
                params={"names": ", ".join(unknown)},
            )
        return list(found.values())


class InitiativeForm(WordSetsMixin, forms.ModelForm[Initiative]):
    WORD_SETS = {"dimensions": Dimension}
    commune_codes = InseeCodesField(label=_("Territory"))
    actor_roles = ActorRolesField(label=_("Actors and their roles"))
    photo = forms.ImageField(label=_("Add a photo"), required=False, validators=[PhotoValidator(5)])
    photo_alt = forms.CharField(label=_("Description of the photo"), required=False)

    class Meta:
        model = Initiative
        fields = [
            "title", "summary", "solution_type", "organisation", "commune_codes",
            "dimensions", "themes", "actor_roles", "stage", "started_on", "ended_on", "budget",
            "funding", "steps", "results", "figures", "lessons", "barriers", "partners_sought",
            "contact_name", "contact_email", "keywords", "service_key", "photo", "photo_alt",
        ]  # fmt: skip
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "ended_on": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_word_sets()
        self.fields["organisation"].queryset = organisations
        # The services of the platform's apps, through the figures interface (core/figures.py).
        if self.instance.pk:
            self.initial["actor_roles"] = "\n".join(
                f"{r.actor.name}: {r.role}" for r in self.instance.roles.select_related("actor")
            )
        services = [(s.key, s.name) for s in figures.services()]
        self.fields["service_key"] = forms.ChoiceField(
            label=_("Service that runs it on this platform"),
            choices=[("", "—"), *services],
            required=False,
            help_text=_("Its sheet will show the service's live figures."),
        )
        if self.instance.pk:
            self.initial["commune_codes"] = " ".join(
                c.insee_code for c in self.instance.communes.all()
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end comes before the start."))
        if data.get("photo") and not (data.get("photo_alt") or "").strip():
            self.add_error("photo_alt", _("Describe the photo for people who cannot see it."))
        return data

    def apply(self) -> Initiative:
        sheet: Initiative = self.instance
        self._apply_word_sets(sheet)
        return sheet

    def save_relations(self) -> None:
        sheet = self.instance
        sheet.themes.set(self.cleaned_data["themes"])
        sheet.communes.set(self.cleaned_data["commune_codes"])
        roles = self.cleaned_data["actor_roles"]
        sheet.roles.exclude(actor__in=[actor for actor, _role in roles]).delete()
        for actor, role in roles:
            InitiativeActor.objects.update_or_create(
                initiative=sheet, actor=actor, defaults={"role": role}
            )
        if self.cleaned_data.get("photo"):
            InitiativePhoto.objects.create(
                initiative=sheet,
                image=self.cleaned_data["photo"],
                alt_text=self.cleaned_data["photo_alt"].strip(),
            )


class ModerationForm(forms.Form):
    note = forms.CharField(label=_("Note to the author"), required=False, widget=forms.Textarea)


class EventForm(forms.ModelForm[Event]):
    class Meta:
        model = Event
        fields = [
            "title", "kind", "description", "starts_at", "ends_at", "place_name", "commune",
            "latitude", "longitude", "capacity", "registration_open", "organiser", "themes",
        ]  # fmt: skip
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "themes": forms.CheckboxSelectMultiple,
        }

    commune = forms.CharField(label=_("Commune (INSEE code)"), required=False, max_length=5)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisations  # type: ignore[attr-defined]

    def clean_commune(self) -> Commune | None:
        code = (self.cleaned_data.get("commune") or "").strip()
        if not code:
            return None
        commune = Commune.objects.filter(insee_code=code).first()
        if commune is None:
            raise forms.ValidationError(_("Unknown commune: %(codes)s."), params={"codes": code})
        return commune

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The end comes before the start."))
        return data


class RegistrationForm(forms.Form):
    seats = forms.IntegerField(label=_("Places"), min_value=1, max_value=10, initial=1)


class ResourceForm(WordSetsMixin, forms.ModelForm[Resource]):
    WORD_SETS = {"dimensions": Dimension}
    url = forms.URLField(
        label=_("address (URL)"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Resource
        fields = [
            "title", "kind", "description", "file", "url", "themes", "dimensions", "language",
            "author",
        ]  # fmt: skip
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_word_sets()
        limit = getattr(settings, "HUB_UPLOAD_MAX_MB", 10)
        self.fields["file"].help_text = _(
            "PDF, office documents (OpenDocument, Word, Excel, PowerPoint), images, CSV or text; "
            "%(limit)s MB at most."
        ) % {"limit": limit}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not data.get("url"):
            self.add_error("url", _("Give a file or an address."))
        return data

    def apply(self) -> Resource:
        resource: Resource = self.instance
        self._apply_word_sets(resource)
        return resource


class AssessmentStartForm(forms.Form):
    commune = forms.CharField(label=_("Commune (INSEE code)"), required=False, max_length=5)
    area = forms.ModelChoiceField(
        label=_("or an intercommunality"), queryset=ServiceArea.objects.all(), required=False
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ModelChoiceField(
            label=_("Assessed by"), queryset=organisations
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = (data.get("commune") or "").strip()
        commune = Commune.objects.filter(insee_code=code).first() if code else None
        if code and commune is None:
            self.add_error("commune", _("Unknown commune: %(codes)s.") % {"codes": code})
        data["commune"] = commune
        if bool(commune) == bool(data.get("area")) and not self.errors:
            raise forms.ValidationError(_("Choose a commune or an intercommunality (one)."))
        return data


class AssessmentForm(forms.Form):
    """One radio group per indicator, one target per dimension."""

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for indicator in indicators.INDICATORS:
            self.fields[indicator.code] = forms.TypedChoiceField(
                label=str(indicator.question),
                choices=[(str(n), f"{n} — {text}") for n, text in enumerate(indicator.levels)],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                initial=assessment.answers.get(indicator.code),
            )
        for code, label in Dimension.choices:
            self.fields[f"target_{code}"] = forms.IntegerField(
                label=_("Target for %(dimension)s in 2–3 years (0–100)") % {"dimension": label},
                min_value=0,
                max_value=100,
                required=False,
                initial=assessment.targets.get(code),
            )
        self.fields["complete"] = forms.BooleanField(
            label=_("The assessment is complete: publish it"), required=False
        )

    def answers(self) -> dict[str, int]:
        return {
            i.code: self.cleaned_data[i.code]
            for i in indicators.INDICATORS
            if self.cleaned_data.get(i.code) not in (None, "")
        }

    def targets(self) -> dict[str, int]:
        return {
            code: self.cleaned_data[f"target_{code}"]
            for code, _ in Dimension.choices
            if self.cleaned_data.get(f"target_{code}") is not None
        }

    def groups(self) -> list[tuple[str, list[Any]]]:
        """The bound fields per dimension, for the template."""
        return [
            (label, [self[i.code] for i in items] + [self[f"target_{code}"]])
            for code, label, items in indicators.by_dimension()
        ]


class DirectoryFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, to_field_name="slug"
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "—"), *Actor.Role.choices], required=False
    )
    dimension = forms.ChoiceField(
        label=_("Dimension"), choices=[("", "—"), *Dimension.choices], required=False
    )
    commune = forms.CharField(label=_("Commune (INSEE code)"), required=False, max_length=5)


class InitiativeFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, to_field_name="slug"
    )
    dimension = forms.ChoiceField(
        label=_("Dimension"), choices=[("", "—"), *Dimension.choices], required=False
    )
    solution_type = forms.ChoiceField(
        label=_("Type of solution"),
        choices=[("", "—"), *Initiative.SolutionType.choices],
        required=False,
    )
    commune = forms.CharField(label=_("Commune (INSEE code)"), required=False, max_length=5)


class ResourceFilter(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, to_field_name="slug"
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *Resource.Kind.choices], required=False
    )
    dimension = forms.ChoiceField(
        label=_("Dimension"), choices=[("", "—"), *Dimension.choices], required=False
    )
