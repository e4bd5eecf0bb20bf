"""The hub's part of the personal-data export and erasure (accounts.gdpr registry)."""

from smartvillage.accounts import gdpr
from smartvillage.hub import privacy, services
from smartvillage.hub.models import Actor, Event, Initiative, Registration

from .conftest import paris


def _activity(user, draft):
    Actor.objects.create(
        kind=Actor.Kind.PERSON, name="Ana Conseil", slug="ana", owner=user, consent_listed=True,
        email="ana@example.org",
    )  # fmt: skip
    event = Event.objects.create(
        title="Atelier", kind="workshop", starts_at=paris(2030, 3, 10, 14),
        ends_at=paris(2030, 3, 10, 16), place_name="La Paz",
    )  # fmt: skip
    services.register(user, event)


def test_the_export_has_entries_sheets_and_registrations(author, draft):
    _activity(author, draft)
    data = gdpr.export_user_data(author)["data"]
    assert data["hub.actors"][0]["email"] == "ana@example.org"
    assert data["hub.initiatives"][0]["title"] == "Autostop organisé"
    assert data["hub.registrations"][0]["event"] == "Atelier"


def test_erasure_deletes_the_persons_entry_and_keeps_the_organisations(author, draft, actor):
    _activity(author, draft)
    draft.contact_name, draft.contact_email = "Ana", "ana@example.org"
    draft.save()
    privacy.erase(author)  # (erase_account refuses: the author is their association's last admin)
    assert not Actor.objects.filter(slug="ana").exists()
    actor.refresh_from_db()
    assert actor.owner is None
    draft.refresh_from_db()
    assert (draft.author, draft.contact_email) == (None, "")
    assert Registration.objects.get().status == Registration.Status.CANCELLED
    assert Initiative.objects.count() == 1


def test_erasing_an_account_runs_the_hubs_eraser(resident, draft):
    _activity(resident, draft)
    gdpr.erase_account(resident)
    assert not Actor.objects.filter(slug="ana").exists()
    assert Registration.objects.get().status == Registration.Status.CANCELLED
