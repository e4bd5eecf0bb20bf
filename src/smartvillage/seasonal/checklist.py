"""The worker's checklist for the next season: some items are read from the data (profile,
availability, housing, alerts), the others are ticked by the worker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.seasonal.models import HousingRequest, SavedSearch, WorkerProfile

# Ticked by the worker (stored in WorkerProfile.checklist_done).
MANUAL = {
    "documents": _("Papers ready: identity, social security card, bank details (RIB)"),
    "health": _("Health cover checked (carte Vitale, complementary health insurance)"),
    "travel": _("Journey to the resort planned"),
    "equipment": _("Work clothes and equipment ready"),
}


@dataclass(frozen=True)
class Item:
    key: str
    label: Any
    done: bool
    manual: bool
    url_name: str = ""


def items(profile: WorkerProfile) -> list[Item]:
    today = timezone.localdate()
    user = profile.user
    housing_done = (
        not profile.needs_housing
        or HousingRequest.objects.filter(worker=user, is_open=True, ends_on__gte=today).exists()
    )
    found = [
        Item("skills", _("Skills and languages in my profile"),
             bool(profile.skills and profile.languages), False, "seasonal:profile"),
        Item("availability", _("My availability for the coming season"),
             profile.availabilities.filter(ends_on__gte=today).exists(), False,
             "seasonal:profile"),
        Item("path", _("My path written in my own words"), bool(profile.my_path.strip()),
             False, "seasonal:profile"),
        Item("housing", _("Housing found or asked for"), housing_done, False,
             "seasonal:my_housing"),
        Item("alert", _("A job alert saved"),
             SavedSearch.objects.filter(worker=user).exists(), False, "seasonal:jobs"),
    ]  # fmt: skip
    found += [
        Item(key, label, key in profile.checklist_done, True) for key, label in MANUAL.items()
    ]
    return found
