"""Notifications: email through Django's mail backend, text messages through an SMS backend.

The SMS backend is an interface (:class:`SmsBackend`) chosen by the ``SMS_BACKEND`` setting
(a dotted path); the default prints to the console, ``LocmemSmsBackend`` keeps messages in
``outbox`` for tests. A real gateway (an HTTP API of a French SMS provider) is one class with a
``send(phone, text)`` method.

:func:`email_user` and :func:`email_addresses` render a message from two templates
(``<template>_subject.txt`` and ``<template>.txt``, e.g. ``carsharing/email/late_manager``) in
the recipient's language and queue it for after the commit (``transaction.on_commit``): a
rolled-back action is never announced, and a mail server outage never undoes it.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Messages sent by LocmemSmsBackend: (phone, text).
outbox: list[tuple[str, str]] = []


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class ConsoleSmsBackend:
    def send(self, phone: str, text: str) -> None:
        print(f"SMS to {phone}: {text}")  # noqa: T201 - the console backend's purpose


class LocmemSmsBackend:
    def send(self, phone: str, text: str) -> None:
        outbox.append((phone, text))


def sms_backend() -> SmsBackend:
    path = getattr(settings, "SMS_BACKEND", "smartvillage.core.notifications.ConsoleSmsBackend")
    backend: SmsBackend = import_string(path)()
    return backend


def notify(*, email: str = "", phone: str = "", subject: str, text: str, sms: str = "") -> None:
    """Send ``text`` by email and/or ``sms`` (or ``text``) by SMS; failures are logged, not raised.

    A notification never undoes the action it reports: call it after the commit.
    """
    if email:
        try:
            send_mail(f"[{settings.SITE_NAME}] {subject}", text, None, [email])
        except Exception:  # noqa: BLE001 - a mail server outage must not break a booking
            logger.exception("email notification to %s failed", email)
    if phone:
        try:
            sms_backend().send(phone, sms or text)
        except Exception:  # noqa: BLE001
            logger.exception("SMS notification failed")


def render(template: str, context: dict[str, Any], language: str = "") -> tuple[str, str]:
    """The subject (on one line) and body of ``template`` in ``language`` (default: French)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def _send(email: str, phone: str, language: str, template: str, context: dict[str, Any]) -> None:
    subject, body = render(template, context, language)
    notify(email=email, phone=phone, subject=subject, text=body, sms=subject)


def email_user(user: Any, template: str, context: dict[str, Any], *, sms: bool = False) -> None:
    """Queue an email to a person (and a text message with the subject if ``sms`` and a phone
    is known), in their language; nothing for inactive or erased people."""
    phone = (getattr(user, "phone", "") or "") if sms else ""
    if not user.is_active or not (user.email or phone):
        return
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    transaction.on_commit(partial(_send, user.email, phone, language, template, context))


def email_addresses(addresses: list[str], template: str, context: dict[str, Any]) -> None:
    """Queue one email per address (an organisation's contact address, its managers), in
    French."""
    for address in addresses:
        transaction.on_commit(
            partial(_send, address, "", settings.LANGUAGE_CODE, template, context)
        )
