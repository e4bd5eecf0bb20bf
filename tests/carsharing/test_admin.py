"""The Django admin's maintenance blocks go through the locked service too."""

from __future__ import annotations

import pytest
import time_machine

from smartvillage.carsharing.models import MaintenanceBlock
from smartvillage.carsharing.services import booking as service
from smartvillage.core.models import AuditLogEntry

from .conftest import NOW, paris


@pytest.fixture
def staff(make_user):
    return make_user("root@example.org", is_staff=True, is_superuser=True)


def _post(client, zoe, start, end):
    return client.post(
        "/admin/carsharing/maintenanceblock/add/",
        {
            "vehicle": zoe.pk,
            "starts_at_0": start.split("T")[0],
            "starts_at_1": start.split("T")[1],
            "ends_at_0": end.split("T")[0],
            "ends_at_1": end.split("T")[1],
            "reason": "Tyres",
        },
    )


def test_the_admin_refuses_a_block_over_a_booking(client, staff, zoe, driver):
    with time_machine.travel(NOW, tick=False):
        service.book(driver, zoe, paris(2026, 3, 10, 9), paris(2026, 3, 10, 12), now=NOW)
        client.force_login(staff)
        response = _post(client, zoe, "2026-03-10T10:00", "2026-03-10T18:00")
    assert response.status_code == 200  # the form again, with the message
    assert not MaintenanceBlock.objects.exists()


def test_the_admin_adds_a_block_through_the_service(client, staff, zoe):
    with time_machine.travel(NOW, tick=False):
        client.force_login(staff)
        response = _post(client, zoe, "2026-03-10T10:00", "2026-03-10T18:00")
    assert response.status_code == 302
    block = MaintenanceBlock.objects.get()
    assert block.created_by == staff
    assert AuditLogEntry.objects.filter(action="carsharing.maintenance.created").count() == 1
