"""Emails and text messages of the network, each in its recipient's language, sent with the
shared helper ``smartvillage.core.notifications.notify`` once the transaction commits
(``transaction.on_commit``): a rolled-back action never sends anything, and a mail or SMS
gateway outage never undoes the action (the helper logs failures).

Every member chooses how they are told (``Member.notify_by``): by email, by SMS, or not at all
(then only their space shows it). SMS needs a phone number on the profile; without one the
message goes by email. Hitchhiker alerts to drivers are rate-limited (:func:`alert_allowed`).
Messages never contain phone numbers, surnames or plates: only first names, places and times,
and a link to the page where the rest is shown to the right person.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from smartvillage.core.notifications import notify
from smartvillage.rideshare import conf
from smartvillage.rideshare.models import Member, Notification


def channel_for(member: Member) -> str:
    """ "email", "sms" or "" (not at all) for this member, from their preference."""
    user = member.user
    if not user.is_active or member.notify_by == Member.NotifyBy.NONE:
        return ""
    if member.notify_by == Member.NotifyBy.SMS and (user.phone or "").strip():
        return "sms"
    return "email" if user.email else ""


def link(name: str, *args: Any) -> str:
    return conf.site_url() + reverse(f"rideshare:{name}", args=args)


def _render(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    subject = " ".join(render_to_string(f"rideshare/email/{template}_subject.txt", context).split())
    body = render_to_string(f"rideshare/email/{template}.txt", context)
    sms = " ".join(render_to_string(f"rideshare/email/{template}_sms.txt", context).split())
    return subject, body, sms


def _send(channel: str, email: str, phone: str, language: str, template: str,
          context: dict[str, Any]) -> None:  # fmt: skip
    with translation.override(language or settings.LANGUAGE_CODE):
        subject, body, sms = _render(template, context)
    if channel == "sms":
        notify(phone=phone, subject=subject, text=body, sms=sms)
    else:
        notify(email=email, subject=subject, text=body)


def send(member: Member, template: str, context: dict[str, Any]) -> str:
    """Queue a message to ``member`` (after the commit) by their chosen channel; return it."""
    channel = channel_for(member)
    if channel:
        user = member.user
        transaction.on_commit(
            partial(_send, channel, user.email, user.phone or "", user.language, template,
                    {**context, "member": member})
        )  # fmt: skip
    return channel


def alert_allowed(member: Member, now: datetime) -> bool:
    """Rate limit of hitchhiker alerts leaving the platform: one per
    ``RIDESHARE_ALERT_INTERVAL_MINUTES`` and ``RIDESHARE_ALERTS_PER_DAY`` per 24 hours
    (index ``rideshare_notif_sent``)."""
    sent = Notification.objects.filter(member=member, sent_at__isnull=False)
    if sent.filter(sent_at__gt=now - timedelta(minutes=conf.alert_interval_minutes())).exists():
        return False
    return sent.filter(sent_at__gt=now - timedelta(days=1)).count() < conf.alerts_per_day()


def hitch_alert(notification: Notification, now: datetime) -> str:
    """Tell a driver about a hitchhiker waiting on their way, if allowed; record how."""
    driver = notification.member
    if not channel_for(driver) or not alert_allowed(driver, now):
        return ""
    hitch = notification.hitch
    channel = send(
        driver,
        "hitch_nearby",
        {
            "first_name": hitch.passenger.first_name,
            "stop": str(hitch.stop),
            "destination": str(hitch.destination),
            "until": hitch.expires_at,
            "url": link("hitch", hitch.pk),
        },
    )
    notification.channel, notification.sent_at = channel, now
    notification.save(update_fields=["channel", "sent_at"])
    return channel
