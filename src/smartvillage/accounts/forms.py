"""Forms of the accounts pages. Every error is a field error; nothing here raises a 500."""

from __future__ import annotations

import re
from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from smartvillage.accounts.models import Membership, User
from smartvillage.territory.models import Commune, search_key

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{5,28}$",
    _("Enter a phone number with digits only, for example 06 12 34 56 78."),
)
_LABEL_WITH_CODE = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[0-9][0-9AB][0-9]{3})\)\s*$", re.I)
_INSEE_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$", re.I)


def commune_label(commune: Commune) -> str:
    """The text shown in the commune input; it carries the INSEE code so it parses back."""
    return f"{commune.name} ({commune.insee_code})"


class CommuneField(forms.CharField):
    """A text input (with a datalist filled as you type) resolved to a Commune on the server.

    Accepts a suggestion ("La Chapelle-en-Vercors (26074)"), an INSEE code, or a name that
    belongs to a single commune. A select with every commune would weigh too much on 3G.
    """

    default_error_messages = {
        "unknown": _("We do not know this commune. Pick one of the suggestions."),
        "ambiguous": _(
            "Several communes are called %(name)s. Pick one of the suggestions, "
            "which show the INSEE code."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 120)
        super().__init__(**kwargs)
        self.widget.attrs.update({"list": "commune-suggestions", "autocomplete": "off"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Commune):
            return commune_label(value)
        if isinstance(value, int):  # the initial value of a ModelForm is the primary key
            commune = Commune.objects.filter(pk=value).first()
            return commune_label(commune) if commune else ""
        return value

    def clean(self, value: Any) -> Commune | None:
        text = super().clean(value)
        if not text:
            return None
        match = _LABEL_WITH_CODE.match(text)
        code = match["code"] if match else text if _INSEE_CODE.match(text) else None
        if code:
            commune = Commune.objects.filter(insee_code=code.upper()).first()
            if commune is None:
                raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
            return commune
        # Case and accents ignored: "correncon-en-vercors" finds Corrençon-en-Vercors.
        found = list(Commune.objects.filter(search_name=search_key(text))[:2])
        if not found:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        if len(found) > 1:
            raise forms.ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"name": text}
            )
        return found[0]


class SignupForm(AllauthSignupForm):  # type: ignore[misc]
    """allauth's sign-up form with an optional first and last name (saved by the adapter)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    field_order = ["first_name", "last_name", "email", "password1", "password2"]


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    commune = CommuneField(label=_("Commune"), required=False)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "commune", "language", "accessibility_needs"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(phone_validator)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return str(password)
