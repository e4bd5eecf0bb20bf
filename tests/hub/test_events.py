"""Registration for the network's events: capacity, closed, over, cancelled, twice."""

import pytest
from django.core.exceptions import ValidationError

from smartvillage.core.errors import error_codes
from smartvillage.hub import services
from smartvillage.hub.models import Event, Registration

from .conftest import _user, paris

NOW = paris(2026, 3, 2, 8)


@pytest.fixture
def visit(db):
    return Event.objects.create(
        title="Voyage d'étude", kind=Event.Kind.VISIT, starts_at=paris(2026, 3, 10, 9),
        ends_at=paris(2026, 3, 10, 17), place_name="La Chapelle-en-Vercors", capacity=3,
    )  # fmt: skip


def _codes(call):
    with pytest.raises(ValidationError) as exc:
        call()
    return error_codes(exc.value)


def test_it_registers_within_capacity(visit, resident):
    registration = services.register(resident, visit, 2, now=NOW)
    assert registration.status == Registration.Status.CONFIRMED
    assert visit.seats_left() == 1


def test_it_refuses_more_seats_than_left(visit, resident, author):
    services.register(resident, visit, 2, now=NOW)
    assert _codes(lambda: services.register(author, visit, 2, now=NOW)) == {"few_places"}
    services.register(author, visit, 1, now=NOW)
    third = _user("third@example.org")
    assert _codes(lambda: services.register(third, visit, 1, now=NOW)) == {"event_full"}
    assert visit.seats_taken() == 3


def test_it_refuses_twice_then_accepts_after_cancelling(visit, resident):
    services.register(resident, visit, now=NOW)
    assert _codes(lambda: services.register(resident, visit, now=NOW)) == {"already_registered"}
    services.unregister(resident, visit, now=NOW)
    assert visit.seats_taken() == 0
    services.register(resident, visit, now=NOW)
    assert Registration.objects.filter(event=visit, user=resident).count() == 1
    assert visit.seats_taken() == 1


def test_it_refuses_started_cancelled_or_closed_events(visit, resident):
    assert _codes(lambda: services.register(resident, visit, now=paris(2026, 3, 10, 10))) == {
        "event_over"
    }
    visit.registration_open = False
    visit.save()
    assert _codes(lambda: services.register(resident, visit, now=NOW)) == {"registration_closed"}
    visit.cancelled = True
    visit.save()
    assert _codes(lambda: services.register(resident, visit, now=NOW)) == {"event_cancelled"}
    assert not Registration.objects.exists()


def test_unregistering_needs_a_registration(visit, resident):
    assert _codes(lambda: services.unregister(resident, visit, now=NOW)) == {"not_registered"}


def test_no_capacity_means_no_limit(visit, resident):
    visit.capacity = None
    visit.save()
    services.register(resident, visit, 10, now=NOW)
    assert visit.seats_left() is None
