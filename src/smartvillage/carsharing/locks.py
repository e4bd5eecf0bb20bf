"""Every row lock of car sharing (saleor's habit): one place to read when looking for deadlocks.

The rule (docs/locking.md): a write to a vehicle's bookings locks that vehicle's row, once per
transaction, after the checks that need no lock and before the availability re-check.
"""

from __future__ import annotations

from smartvillage.carsharing.models import Vehicle
from smartvillage.core import booking


def lock_vehicle(vehicle_id: int) -> Vehicle:
    (vehicle,) = booking.lock(Vehicle.objects.all(), [vehicle_id])
    return vehicle
