"""Emails (and a text message to the member who is waiting for the car) of car sharing, each
rendered in its recipient's language and sent through the shared helper
``smartvillage.core.notifications.notify`` once the transaction commits
(``transaction.on_commit``): a rolled-back warning is never sent, and a mail server outage
never undoes the action (the helper logs failures)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from smartvillage.core.notifications import notify


def _send(email: str, phone: str, language: str, template: str, context: dict[str, Any]) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string(f"carsharing/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"carsharing/email/{template}.txt", context)
    notify(email=email, phone=phone, subject=subject, text=body, sms=subject)


def email_user(user: Any, template: str, context: dict[str, Any], *, sms: bool = False) -> None:
    """Queue an email to a person (and a text message if ``sms`` and a phone is known)."""
    if not user.is_active or not (user.email or (sms and user.phone)):
        return
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    phone = (getattr(user, "phone", "") or "") if sms else ""
    transaction.on_commit(partial(_send, user.email, phone, language, template, context))


def email_addresses(addresses: list[str], template: str, context: dict[str, Any]) -> None:
    """Queue one email per address (a fleet's contact address, its managers), in French first."""
    for address in addresses:
        transaction.on_commit(
            partial(_send, address, "", settings.LANGUAGE_CODE, template, context)
        )
