"""Notifications: email through Django's mail backend, text messages through an SMS backend.

The SMS backend is an interface (:class:`SmsBackend`) chosen by the ``SMS_BACKEND`` setting
(a dotted path); the default prints to the console, ``LocmemSmsBackend`` keeps messages in
``outbox`` for tests. A real gateway (an HTTP API of a French SMS provider) is one class with a
``send(phone, text)`` method.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
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
