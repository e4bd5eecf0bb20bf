"""Small forms shared by the apps."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class MonthForm(forms.Form):
    """A month of a statistics page (``?month=YYYY-MM``; empty: since the start)."""

    month = forms.DateField(
        label=_("Month"), required=False, input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )  # fmt: skip
