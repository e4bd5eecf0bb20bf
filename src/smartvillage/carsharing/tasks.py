"""Background tasks of car sharing (Celery; eager without a broker), see smartvillage.schedule."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

from smartvillage.carsharing.services import late


@shared_task(name="carsharing.late_returns")
def late_returns(grace_minutes: int = 15) -> int:
    """Alert about cars still checked out after their booking ended (each one once)."""
    return late.warn_overdue(grace=timedelta(minutes=grace_minutes))
