"""Manager pages that replace the Django admin: the place, opening hours, photos, spaces, passes."""

from __future__ import annotations

import io
from datetime import date, time
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from smartvillage.core.models import AuditLogEntry
from smartvillage.thirdplaces.models import OpeningHours, PassProduct, Photo, Space
from smartvillage.thirdplaces.services import booking as service

from .conftest import NOW

ORG = "la-jolie-colo"


def url(name, colo, *args):
    return reverse(f"thirdplaces:{name}", args=[ORG, colo.slug, *args])


def png(size=(40, 30), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _get_post_urls(colo, desks, card):
    return [
        url("manage_edit", colo),
        url("manage_hours", colo),
        url("manage_photos", colo),
        url("space_new", colo),
        url("space_edit", colo, desks.pk),
        url("pass_new", colo),
        url("pass_edit", colo, card.pk),
        url("manage_bookings", colo),
        url("events_import", colo),
    ]


# --- Permissions ---------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_log_in(client, colo, desks, card):
    for address in _get_post_urls(colo, desks, card):
        response = client.get(address)
        assert response.status_code == 302, address
        assert "/accounts/login/" in response["Location"]


def test_outsiders_get_404(client, outsider, colo, desks, card):
    client.force_login(outsider)
    for address in _get_post_urls(colo, desks, card):
        assert client.get(address).status_code == 404, address
    assert client.post(url("manage_edit", colo), {"name": "Pirate"}).status_code == 404
    colo.refresh_from_db()
    assert colo.name == "La Jolie Colo"


def test_plain_members_get_403(client, plain_member, colo, desks, card):
    client.force_login(plain_member)
    for address in _get_post_urls(colo, desks, card):
        assert client.get(address).status_code == 403, address
    assert client.post(url("space_edit", colo, desks.pk), {"capacity": 99}).status_code == 403
    desks.refresh_from_db()
    assert desks.capacity == 3


def test_wrong_methods_get_405(client, manager, colo, desks, card):
    client.force_login(manager)
    for address in _get_post_urls(colo, desks, card):
        assert client.delete(address).status_code == 405, address
    assert client.post(url("manage_bookings", colo)).status_code == 405
    assert client.get(url("photo_delete", colo, 1)).status_code == 405
    assert client.get(url("manager_cancel", colo, 1)).status_code == 405


def test_a_manager_of_another_organisation_cannot_reach_this_place(client, colo, desks, make_user):
    from smartvillage.accounts.models import Membership, Organisation

    other = Organisation.objects.create(name="UTO-PIC", slug="uto-pic", kind="third_place")
    user = make_user("boss@example.org")
    Membership.objects.create(user=user, organisation=other, role=Membership.Role.ADMIN)
    client.force_login(user)
    address = reverse("thirdplaces:space_edit", args=["uto-pic", colo.slug, desks.pk])
    assert client.get(address).status_code == 404


# --- The place -----------------------------------------------------------------------------------


def _place_data(colo, **changes):
    data = {
        "name": colo.name, "description": "Un tiers-lieu créatif.", "has_coworking": "on",
        "has_cafe": "on", "address": colo.address, "latitude": colo.latitude,
        "longitude": colo.longitude, "email": "bonjour@lajoliecolo.example",
        "phone": "04 76 00 00 00", "website": "lajoliecolo.example",
        "accessibility": "Rampe à l'entrée, toilettes adaptées.", "wheelchair_accessible": "on",
        "closed_on_public_holidays": "on", "midday": "12:30", "booking_horizon_days": "30",
        "cancellation_deadline": "04:00:00", "is_published": "on",
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_manager_edits_the_place_without_the_admin(client, manager, colo):
    client.force_login(manager)
    assert client.get(url("manage_edit", colo)).status_code == 200
    response = client.post(url("manage_edit", colo), _place_data(colo))
    assert response.status_code == 302
    colo.refresh_from_db()
    assert colo.description == "Un tiers-lieu créatif."
    assert (colo.has_cafe, colo.has_fablab, colo.wheelchair_accessible) == (True, False, True)
    assert colo.website == "https://lajoliecolo.example"
    assert colo.midday == time(12, 30)
    assert colo.cancellation_deadline.total_seconds() == 4 * 3600
    entry = AuditLogEntry.objects.get(action="thirdplaces.place.changed")
    assert entry.actor == manager
    assert "description" in entry.data["fields"]
    assert "Un tiers-lieu" not in str(entry.data)  # names of fields, never their values


def test_bad_place_values_are_field_errors_and_change_nothing(client, manager, colo):
    client.force_login(manager)
    response = client.post(
        url("manage_edit", colo), _place_data(colo, email="not-an-email", latitude="123")
    )
    assert response.status_code == 422
    assert {"email", "latitude"} <= set(response.context["form"].errors)
    colo.refresh_from_db()
    assert colo.email == ""


# --- Opening hours -------------------------------------------------------------------------------


def _hours_data(colo, rows):
    existing = list(colo.opening_hours.all())
    data = {
        "hours-TOTAL_FORMS": str(len(existing) + len(rows)),
        "hours-INITIAL_FORMS": str(len(existing)),
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "1000",
    }
    for i, h in enumerate(existing):
        data.update({
            f"hours-{i}-id": str(h.pk), f"hours-{i}-third_place": str(colo.pk),
            f"hours-{i}-weekday": str(h.weekday), f"hours-{i}-opens": f"{h.opens:%H:%M}",
            f"hours-{i}-closes": f"{h.closes:%H:%M}",
        })  # fmt: skip
    for j, (weekday, opens, closes) in enumerate(rows, start=len(existing)):
        data.update({
            f"hours-{j}-third_place": str(colo.pk), f"hours-{j}-weekday": str(weekday),
            f"hours-{j}-opens": opens, f"hours-{j}-closes": closes,
        })  # fmt: skip
    return data


def test_a_manager_opens_on_saturday_and_closes_a_monday_afternoon(client, manager, colo):
    client.force_login(manager)
    data = _hours_data(colo, [(5, "10:00", "16:00")])
    monday_afternoon = colo.opening_hours.get(weekday=0, opens=time(13, 30))
    index = list(colo.opening_hours.all()).index(monday_afternoon)
    data[f"hours-{index}-DELETE"] = "on"
    assert client.post(url("manage_hours", colo), data).status_code == 302
    assert colo.opening_hours.filter(weekday=5).get().closes == time(16)
    assert colo.opening_hours.filter(weekday=0).count() == 1
    entry = AuditLogEntry.objects.get(action="thirdplaces.opening_hours.changed")
    assert (entry.data["created"], entry.data["deleted"]) == (1, 1)


@pytest.mark.parametrize(
    ("row", "field"),
    [((5, "16:00", "10:00"), "closes"), ((0, "11:00", "14:00"), "opens")],
    ids=["closes-before-it-opens", "overlaps-monday-morning"],
)
def test_bad_opening_hours_are_field_errors(client, manager, colo, row, field):
    client.force_login(manager)
    before = OpeningHours.objects.count()
    response = client.post(url("manage_hours", colo), _hours_data(colo, [row]))
    assert response.status_code == 422
    assert any(field in form.errors for form in response.context["formset"].forms)
    assert OpeningHours.objects.count() == before


def test_midnight_closing_is_accepted(client, manager, colo):
    client.force_login(manager)
    response = client.post(url("manage_hours", colo), _hours_data(colo, [(6, "18:00", "00:00")]))
    assert response.status_code == 302
    assert colo.opening_hours.get(weekday=6).closes == time(0)


# --- Photos --------------------------------------------------------------------------------------


def test_a_manager_uploads_and_deletes_a_photo(client, manager, colo):
    client.force_login(manager)
    upload = SimpleUploadedFile("atelier.png", png(), content_type="image/png")
    response = client.post(
        url("manage_photos", colo), {"image": upload, "alt_text": "L'atelier", "position": "1"}
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.third_place, photo.alt_text) == (colo, "L'atelier")
    assert photo.image.storage.exists(photo.image.name)
    assert (
        "L&#x27;atelier"
        in client.get(reverse("thirdplaces:place", args=[colo.slug])).content.decode()
    )
    name = photo.image.name
    assert client.post(url("photo_delete", colo, photo.pk)).status_code == 302
    assert not Photo.objects.exists()
    assert not photo.image.storage.exists(name)
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {"thirdplaces.photo.created", "thirdplaces.photo.deleted"} <= actions


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"%PDF-1.4 not an image", "flyer.png"), (png(fmt="GIF"), "anim.gif")],
    ids=["not-an-image", "gif"],
)
def test_a_file_that_is_not_a_photo_is_refused(client, manager, colo, content, name):
    client.force_login(manager)
    upload = SimpleUploadedFile(name, content)
    response = client.post(url("manage_photos", colo), {"image": upload, "alt_text": "x"})
    assert response.status_code == 422
    assert "image" in response.context["form"].errors
    assert not Photo.objects.exists()


def test_a_photo_needs_its_text_alternative(client, manager, colo):
    client.force_login(manager)
    upload = SimpleUploadedFile("a.png", png(), content_type="image/png")
    response = client.post(url("manage_photos", colo), {"image": upload, "alt_text": ""})
    assert "alt_text" in response.context["form"].errors
    assert not Photo.objects.exists()


def test_another_place_s_photo_cannot_be_deleted(client, manager, colo, fablab):
    photo = Photo.objects.create(third_place=fablab, image="x.png", alt_text="x")
    client.force_login(manager)
    assert client.post(url("photo_delete", colo, photo.pk)).status_code == 404
    assert Photo.objects.filter(pk=photo.pk).exists()


# --- Spaces --------------------------------------------------------------------------------------


def _space_data(**changes):
    data = {
        "name": "Salle de l'horloge", "kind": "room", "description": "", "capacity": "8",
        "price_half_day": "0", "price_day": "0", "price_hour": "15.50", "min_hours": "1",
        "max_hours": "6", "is_active": "on",
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_manager_adds_a_room_and_changes_desk_prices(client, manager, colo, desks):
    client.force_login(manager)
    assert client.post(url("space_new", colo), _space_data()).status_code == 302
    room = Space.objects.get(name="Salle de l'horloge")
    assert (room.third_place, room.kind, room.price_hour) == (colo, "room", Decimal("15.50"))
    data = _space_data(name="Open space", kind="desks", capacity="5", price_day="15",
                       price_half_day="9", price_hour="0")  # fmt: skip
    assert client.post(url("space_edit", colo, desks.pk), data).status_code == 302
    desks.refresh_from_db()
    assert (desks.capacity, desks.price_day) == (5, Decimal("15.00"))
    assert AuditLogEntry.objects.filter(action="thirdplaces.space.created").count() == 1
    assert AuditLogEntry.objects.filter(action="thirdplaces.space.changed").count() == 1


def test_bad_space_values_are_field_errors(client, manager, colo):
    client.force_login(manager)
    data = _space_data(price_hour="-3", min_hours="4", max_hours="2")
    response = client.post(url("space_new", colo), data)
    assert response.status_code == 422
    assert {"price_hour", "max_hours"} <= set(response.context["form"].errors)
    assert not Space.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_capacity_cannot_go_below_the_desks_already_booked(
    client, manager, colo, desks, coworker, make_user
):
    service.book_desk(coworker, desks, date(2026, 3, 3), "day", quantity=2, now=NOW)
    service.book_desk(make_user("d@example.org"), desks, date(2026, 3, 3), "morning", now=NOW)
    client.force_login(manager)
    data = _space_data(name="Open space", kind="desks", capacity="2", price_hour="0")
    response = client.post(url("space_edit", colo, desks.pk), data)
    assert response.status_code == 422
    assert "capacity" in response.context["form"].errors
    data["kind"] = "room"
    response = client.post(url("space_edit", colo, desks.pk), {**data, "capacity": "3"})
    assert "kind" in response.context["form"].errors
    desks.refresh_from_db()
    assert (desks.capacity, desks.kind) == (3, "desks")


def test_another_place_s_space_is_not_found(client, manager, colo, printer):
    client.force_login(manager)
    assert client.get(url("space_edit", colo, printer.pk)).status_code == 404


# --- Passes --------------------------------------------------------------------------------------


def test_a_manager_creates_a_card_and_a_membership_and_stops_selling_one(client, manager, colo):
    client.force_login(manager)
    data = {"name": "Carte 10 demi-journées", "kind": "card", "price": "80", "visits": "10",
            "validity_days": "365", "is_active": "on"}  # fmt: skip
    assert client.post(url("pass_new", colo), data).status_code == 302
    monthly = {"name": "Résident", "kind": "monthly", "price": "120", "visits": "",
               "validity_days": "31", "is_active": "on"}  # fmt: skip
    assert client.post(url("pass_new", colo), monthly).status_code == 302
    card = PassProduct.objects.get(kind="card")
    assert (card.price, card.visits) == (Decimal("80.00"), 10)
    assert PassProduct.objects.get(kind="monthly").visits is None
    data["is_active"] = ""
    assert client.post(url("pass_edit", colo, card.pk), data).status_code == 302
    card.refresh_from_db()
    assert not card.is_active
    page = client.get(reverse("thirdplaces:place", args=[colo.slug])).content.decode()
    assert "Résident" in page
    assert "Carte 10 demi-journées" not in page


def test_a_card_without_visits_is_a_field_error(client, manager, colo):
    client.force_login(manager)
    data = {"name": "Carte", "kind": "card", "price": "80", "visits": "", "validity_days": "365"}
    response = client.post(url("pass_new", colo), data)
    assert response.status_code == 422
    assert "visits" in response.context["form"].errors
    assert not PassProduct.objects.exists()


def test_the_manager_hub_links_every_page(client, manager, colo, desks, card):
    client.force_login(manager)
    page = client.get(reverse("thirdplaces:manage_place", args=[ORG, colo.slug])).content.decode()
    for address in _get_post_urls(colo, desks, card):
        assert address in page, address


def test_every_manager_page_renders_for_the_manager(client, manager, colo, desks, card):
    from smartvillage.thirdplaces.models import Closure

    closure = Closure.objects.create(third_place=colo, first_day=date(2026, 3, 4),
                                     last_day=date(2026, 3, 4), reason="AG")  # fmt: skip
    client.force_login(manager)
    for address in [*_get_post_urls(colo, desks, card), url("closure_bookings", colo, closure.pk)]:
        response = client.get(address)
        assert response.status_code == 200, address
        assert colo.name in response.content.decode(), address
