"""On-demand transport in the guaranteed-ride-home interface: booked through the insertion,
without the advance notice, only inside the beneficiary's service zone."""

from __future__ import annotations

import time_machine

from smartvillage.core import ridehome
from smartvillage.ondemand.models import Booking
from smartvillage.ondemand.ridehome import OndemandRideHome

from .conftest import paris

MARKET = ridehome.Point("Marché", 44.9700, 5.4160)
VASSIEUX = ridehome.Point("Maison", 44.8960, 5.3720)
GRENOBLE = ridehome.Point("Gare", 45.1913, 5.7146)


def test_a_stranded_member_is_booked_within_the_hour(
    resident_beneficiary, service, driver, member_user
):
    now = paris(2026, 3, 4, 16, 0)
    with time_machine.travel(now, tick=False):
        outcome = OndemandRideHome().request(
            member_user, MARKET, VASSIEUX, paris(2026, 3, 4, 16, 30)
        )
    assert outcome.ok, outcome.reason
    booking = Booking.objects.get(pk=int(outcome.reference.split(":")[1]))
    assert booking.beneficiary == resident_beneficiary
    assert booking.run is not None  # inserted into the day's plan despite the 48 h notice
    assert "garanti" in booking.note


def test_it_refuses_outside_the_zone(resident_beneficiary, service, driver, member_user):
    with time_machine.travel(paris(2026, 3, 4, 16, 0), tick=False):
        outcome = OndemandRideHome().request(member_user, MARKET, GRENOBLE, paris(2026, 3, 4, 17))
    assert not outcome.ok
    assert outcome.reason
    assert not Booking.objects.exists()


def test_it_refuses_someone_who_is_no_beneficiary(db, service, make_user):
    stranger = make_user("stranger@example.org")
    outcome = OndemandRideHome().request(stranger, MARKET, VASSIEUX, paris(2026, 3, 4, 17))
    assert not outcome.ok
