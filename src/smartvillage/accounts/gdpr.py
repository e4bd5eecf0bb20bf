"""Personal data: export ("my data") and erasure, with a registry other apps contribute to.

An app that stores personal data registers, in its ``AppConfig.ready()``::

    from smartvillage.accounts import gdpr

    gdpr.register_exporter("carsharing.bookings", export_bookings)  # (user) -> JSON-able
    gdpr.register_eraser("carsharing.bookings", erase_bookings)  # (user) -> None

Exporters return plain JSON-able data (dates are serialised by Django's JSON encoder). Erasers
run inside the erasure transaction, before the account itself is anonymised, and must leave
rows needed for statistics in place with their personal fields blanked. See docs/privacy.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.utils import timezone

from smartvillage.accounts.models import Invitation, User
from smartvillage.accounts.services import check_not_last_admin
from smartvillage.core import audit
from smartvillage.core.models import AuditLogEntry, CalendarFeed

Exporter = Callable[[User], Any]
Eraser = Callable[[User], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def _register(registry: dict[str, Any], name: str, func: Callable[..., Any]) -> None:
    if "." not in name:
        raise ValueError(f"Names are namespaced by app (app.part), got {name!r}")
    if registry.get(name, func) is not func:
        raise ValueError(f"{name!r} is already registered")
    registry[name] = func


def register_exporter(name: str, exporter: Exporter) -> None:
    _register(_exporters, name, exporter)


def register_eraser(name: str, eraser: Eraser) -> None:
    _register(_erasers, name, eraser)


def export_user_data(user: User) -> dict[str, Any]:
    """Everything we hold about ``user``, one key per registered part."""
    return {
        "format": "smartvillage.personal-data/1",
        "site": settings.SITE_NAME,
        "exported_at": timezone.now(),
        "data": {name: exporter(user) for name, exporter in sorted(_exporters.items())},
    }


def erase_account(user: User) -> None:
    """Erase ``user``'s personal data and keep the row, anonymised, for statistics.

    Raises ``services.LastAdminError`` (nothing changed) if the user is the last admin of an
    organisation.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.anonymised_at is not None:
            return
        memberships = list(user.memberships.select_related("organisation").order_by("pk"))
        for membership in memberships:
            check_not_last_admin(membership)

        for eraser in _erasers.values():
            eraser(user)

        for membership in memberships:
            audit.record(
                user,
                "accounts.membership.removed",
                membership.organisation,
                user=user.pk,
                membership=membership.pk,
                role=membership.role,
                reason="account_erased",
            )
        user.memberships.all().delete()
        user.api_tokens.all().delete()
        CalendarFeed.objects.filter(user=user).delete()  # every service's feed key
        emails = {
            user.email.lower(),
            *(a.email.lower() for a in EmailAddress.objects.filter(user=user)),
        }
        EmailAddress.objects.filter(user=user).delete()
        # Invitations hold an email address: drop those sent to or accepted by this person.
        invitations = Invitation.objects.filter(accepted_by=user)
        for email in emails:
            invitations |= Invitation.objects.for_email(email)
        invitations.delete()
        _delete_sessions(user)

        user.email = f"deleted-{user.pk}@invalid"
        user.first_name = user.last_name = user.phone = user.accessibility_needs = ""
        user.commune = None
        # An unusable password also invalidates every session: Django checks a hash of it.
        user.set_unusable_password()
        user.is_active = user.is_staff = user.is_superuser = False
        user.anonymised_at = timezone.now()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        audit.record(user, "accounts.user.erased", user, memberships=len(memberships))


def _delete_sessions(user: User) -> None:
    # Sessions are not indexed by user: scan the live ones. Erasure is rare, and the unusable
    # password already logs the user out everywhere; this frees the rows that hold their id.
    if settings.SESSION_ENGINE not in {
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    }:
        return
    from importlib import import_module

    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session.session_key).delete()


# The accounts app's own parts, registered in AccountsConfig.ready().


def export_profile(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "commune": (
            {"insee_code": user.commune.insee_code, "name": user.commune.name}
            if user.commune
            else None
        ),
        "language": user.language,
        "accessibility_needs": user.accessibility_needs,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def export_email_addresses(user: User) -> list[dict[str, Any]]:
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def export_memberships(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organisation": m.organisation.name,
            "organisation_slug": m.organisation.slug,
            "role": m.role,
            "since": m.created,
        }
        for m in user.memberships.select_related("organisation").order_by("pk")
    ]


def export_api_tokens(user: User) -> list[dict[str, Any]]:
    # Metadata only: the secret is never stored and its hash is not personal data to hand out.
    return [
        {
            "name": t.name,
            "key_prefix": t.key_prefix,
            "organisation": t.organisation.slug if t.organisation else None,
            "created": t.created,
            "expires_at": t.expires_at,
            "revoked_at": t.revoked_at,
            "last_used_at": t.last_used_at,
        }
        for t in user.api_tokens.select_related("organisation").order_by("pk")
    ]


def export_calendar_feeds(user: User) -> list[dict[str, Any]]:
    # Which private calendar addresses exist, not their keys: a key is a credential.
    return [
        {"service": f.service, "created": f.created}
        for f in CalendarFeed.objects.filter(user=user).order_by("service")
    ]


def export_audit_log(user: User) -> list[dict[str, Any]]:
    return [
        {
            "when": e.created,
            "action": e.action,
            "object_type": e.target_type,
            "object_id": e.target_id,
            "object": e.target_repr,
            "details": e.data,
        }
        for e in AuditLogEntry.objects.filter(actor=user).order_by("created", "pk")
    ]


def export_invitations(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organisation": i.organisation.slug,
            "role": i.role,
            "created": i.created,
            "accepted_at": i.accepted_at,
        }
        for i in Invitation.objects.filter(accepted_by=user).select_related("organisation")
    ]


def register_accounts_parts() -> None:
    register_exporter("accounts.profile", export_profile)
    register_exporter("accounts.email_addresses", export_email_addresses)
    register_exporter("accounts.memberships", export_memberships)
    register_exporter("accounts.api_tokens", export_api_tokens)
    register_exporter("accounts.calendar_feeds", export_calendar_feeds)
    register_exporter("accounts.audit_log", export_audit_log)
    register_exporter("accounts.invitations", export_invitations)
