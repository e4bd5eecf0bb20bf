"""Core models shared by every service: the append-only audit log, calendar feed keys."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogQuerySet(models.QuerySet["AuditLogEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("The audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only")

    def for_target(self, obj: models.Model) -> AuditLogQuerySet:
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


class AuditLogEntry(models.Model):
    """Who did what, when. Actions are namespaced: ``accounts.membership.role_changed``.

    Rows are never changed or deleted: ``save`` refuses an existing row and the queryset refuses
    bulk updates and deletes. When a person erases their account the row stays, pointing to the
    anonymised user.
    """

    created = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("The audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only")


class CalendarFeed(models.Model):
    """A person's secret iCalendar feed key for one service (calendar apps cannot log in).

    The feed URL carries the key (``?token=…``; see ``core.ical.feed_user``). One key per person
    and service, so that replacing the car-sharing address leaves the third-places one working.
    Deleting the row revokes it; ``rotate`` replaces it (the old URL stops working at once).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    # The service app's label ("carsharing", "thirdplaces"); core never imports the apps.
    service = models.CharField(_("service"), max_length=50)
    key = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "service"], name="core_calendarfeed_one_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.service})"

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)

    @classmethod
    def for_user(cls, user: Any, service: str) -> CalendarFeed:
        """The person's feed for ``service``, made on first use."""
        feed, _created = cls.objects.get_or_create(
            user=user, service=service, defaults={"key": cls.new_key()}
        )
        return feed

    @classmethod
    def rotate(cls, user: Any, service: str) -> CalendarFeed:
        """Give the person a new key for ``service``: the old feed URL answers 404 from now on."""
        feed = cls.for_user(user, service)
        feed.key = cls.new_key()
        feed.save(update_fields=["key"])
        return feed


class Delivery(models.Model):
    """One notification on one channel, by its idempotency key: sent at most once.

    ``core.notifications.notify(..., key=...)`` queues a task per channel; the task claims the
    row (``pending``/``failed`` → ``sending``) with one conditional update before sending, so
    a retried or duplicated task finds it ``sent`` (or being sent) and sends nothing. No address
    or text is kept: only the key, the channel and the outcome. Rows older than
    ``DELIVERY_RETENTION_DAYS`` are purged (``purge_deliveries``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    class Channel(models.TextChoices):
        EMAIL = "email", _("email")
        SMS = "sms", _("text message")

    key = models.CharField(_("idempotency key"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification delivery")
        verbose_name_plural = _("notification deliveries")
        constraints = [
            models.UniqueConstraint(fields=["key", "channel"], name="core_delivery_once_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.channel}): {self.status}"
