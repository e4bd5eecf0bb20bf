"""The load_thirdplaces_demo command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from smartvillage.core.booking import peak_usage
from smartvillage.thirdplaces.models import Booking, Event, Space, ThirdPlace


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True


def test_it_loads_la_jolie_colo_and_the_uto_pic_spaces_with_a_month_of_bookings(db):
    call_command("load_thirdplaces_demo", stdout=StringIO())
    colo = ThirdPlace.objects.get(slug="la-jolie-colo")
    assert colo.organisation.slug == "la-jolie-colo"
    assert colo.commune.insee_code == "38225"
    assert ThirdPlace.objects.filter(organisation__slug="uto-pic").count() == 3
    assert set(colo.spaces.values_list("kind", flat=True)) == {"desks", "room", "machine"}
    assert Booking.objects.count() > 50
    assert Event.objects.count() == 6
    dates = {b.local_date for b in Booking.objects.all()}
    assert (max(dates) - min(dates)).days >= 25
    assert Booking.objects.filter(avoided_km__gt=0).exists()


def test_the_demo_never_overbooks(db):
    call_command("load_thirdplaces_demo", stdout=StringIO())
    for space in Space.objects.all():
        for booking in space.bookings.all():
            others = space.bookings.exclude(pk=booking.pk)
            if space.is_exclusive:
                assert not others.overlapping(booking.starts_at, booking.ends_at).exists()
            else:
                holds = space.bookings.live().values_list("starts_at", "ends_at", "quantity")
                assert peak_usage(holds, booking.starts_at, booking.ends_at) <= space.capacity


def test_it_is_idempotent(db):
    call_command("load_thirdplaces_demo", stdout=StringIO())
    counts = (ThirdPlace.objects.count(), Booking.objects.count(), Event.objects.count())
    call_command("load_thirdplaces_demo", stdout=StringIO())
    assert (ThirdPlace.objects.count(), Booking.objects.count(), Event.objects.count()) == counts


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_thirdplaces_demo", stdout=StringIO())
    call_command("load_thirdplaces_demo", "--allow-production", stdout=StringIO())
    assert ThirdPlace.objects.exists()
