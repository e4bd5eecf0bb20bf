"""Notifications: email through Django's mail backend, text messages through an SMS backend.

The SMS backend is an interface (:class:`SmsBackend`) chosen by the ``SMS_BACKEND`` setting
(a dotted path); the default prints to the console, ``LocmemSmsBackend`` keeps messages in
``outbox`` for tests. A real gateway (an HTTP API of a French SMS provider) is one class with a
``send(phone, text)`` method.

:func:`email_user` and :func:`email_addresses` render a message from two templates
(``<template>_subject.txt`` and ``<template>.txt``, e.g. ``carsharing/email/late_manager``) in
the recipient's language and queue it for after the commit (``transaction.on_commit``): a
rolled-back action is never announced, and a mail server outage never undoes it.

Sending is a background task with retries and an idempotency key (see :func:`notify`).
"""

from __future__ import annotations

import logging
import uuid
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


def notify(
    *,
    email: str = "",
    phone: str = "",
    subject: str,
    text: str,
    sms: str = "",
    key: str = "",
) -> None:
    """Send ``text`` by email and/or ``sms`` (or ``text``) by SMS; failures are logged, not raised.

    Each channel is a background task (``core.deliver``, retried with a growing delay when the
    mail server or SMS gateway fails). ``key`` identifies the notification (e.g.
    ``"ondemand.booking.42.confirmed"``): whatever the retries or a second call with the same
    key, it is sent at most once per channel (``core.Delivery``). Without a key each call is
    its own notification (its retries are still deduplicated).

    A notification never undoes the action it reports: call it after the commit.
    """
    key = key or f"auto:{uuid.uuid4().hex}"
    if email:
        _enqueue(key, "email", email, str(subject), str(text))
    if phone:
        _enqueue(key, "sms", phone, str(subject), str(sms or text))


def _enqueue(key: str, channel: str, to: str, subject: str, text: str) -> None:
    from smartvillage.core.tasks import deliver

    kwargs = {"key": key, "channel": channel, "to": to, "subject": subject, "text": text}
    if deliver.app.conf.task_always_eager:  # no broker: at once, no connection made at all
        deliver.apply(kwargs=kwargs)
        return
    try:
        deliver.apply_async(kwargs=kwargs)
    except Exception:  # noqa: BLE001 - the broker is down: send now rather than never
        logger.exception("task queue unreachable, sending the %s notification now", channel)
        deliver.apply(kwargs=kwargs)


def send_now(channel: str, to: str, subject: str, text: str) -> None:
    """Hand one message to the mail server or the SMS gateway (raises on failure)."""
    if channel == "email":
        send_mail(f"[{settings.SITE_NAME}] {subject}", text, None, [to])
    else:
        sms_backend().send(to, text)


def deliver_once(key: str, channel: str, to: str, subject: str, text: str) -> bool:
    """Send unless this ``key``/``channel`` was already sent (or is being sent); True if sent.

    The claim is one conditional UPDATE (``pending``/``failed`` → ``sending``): two workers
    running the same task cannot both win it. A failure marks the row ``failed`` and raises,
    for the task to retry. A worker killed while sending leaves it ``sending``: never sent
    twice, at the price of (rarely) never sent — visible in the admin.
    """
    from django.db.models import F
    from django.utils import timezone

    from smartvillage.core.models import Delivery

    delivery, _created = Delivery.objects.get_or_create(key=key, channel=channel)
    claimable = [Delivery.Status.PENDING, Delivery.Status.FAILED]
    claimed = Delivery.objects.filter(pk=delivery.pk, status__in=claimable).update(
        status=Delivery.Status.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        logger.info("notification %s (%s) already sent, not sending it again", key, channel)
        return False
    try:
        send_now(channel, to, subject, text)
    except Exception as exc:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.FAILED, last_error=f"{type(exc).__name__}: {exc}"[:300]
        )
        raise
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


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
