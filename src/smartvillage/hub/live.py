"""A published sheet shows live figures of the service that runs it here (core/figures.py)."""

from __future__ import annotations

from typing import Any

from smartvillage.core import figures
from smartvillage.hub.models import Initiative


def for_sheet(sheet: Initiative) -> dict[str, Any] | None:
    """The service and its figures, or None when the sheet names none (or it is gone)."""
    if not sheet.service_key:
        return None
    service = figures.service(sheet.service_key)
    if service is None:
        return None
    return {"service": service, "figures": figures.figures(sheet.service_key) or []}
