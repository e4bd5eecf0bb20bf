"""Background tasks of the rideshare network (Celery; eager without a broker)."""

from __future__ import annotations

from celery import shared_task

from smartvillage.rideshare.services import proof


@shared_task(name="rideshare.purge_positions")
def purge_positions() -> dict[str, int]:
    """Coarsen old positions and clear old requests past the retention period."""
    return dict(proof.purge())
