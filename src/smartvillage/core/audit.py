"""Writing to the audit log: ``audit.record(actor, "accounts.membership.removed", membership)``."""

from __future__ import annotations

from typing import Any

from django.db import models

from smartvillage.core.models import AuditLogEntry


def record(
    actor: Any,
    action: str,
    target: models.Model | None = None,
    **data: Any,
) -> AuditLogEntry:
    """Append one entry; ``actor`` is a user or None (the system, a command)."""
    if "." not in action:
        raise ValueError(f"Audit actions are namespaced (app.object.verb), got {action!r}")
    entry = AuditLogEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        data=data,
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:200]
    entry.save()
    return entry
