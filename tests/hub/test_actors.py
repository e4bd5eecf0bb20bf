"""The actors directory: consent to be listed, contact preferences, own entry only."""

from smartvillage.accounts.models import Membership
from smartvillage.hub import services
from smartvillage.hub.models import Actor


def test_only_consenting_actors_are_listed(actor, resident):
    hidden = Actor.objects.create(
        kind=Actor.Kind.PERSON, name="Jo", slug="jo", owner=resident, consent_listed=False
    )
    assert list(Actor.objects.listed()) == [actor]
    assert hidden not in Actor.objects.listed()


def test_the_consent_date_follows_the_box(resident):
    entry = Actor(kind=Actor.Kind.PERSON, name="Jo Martin", owner=resident, consent_listed=True)
    services.save_actor(entry, resident)
    assert entry.slug == "jo-martin"
    assert entry.consented_at is not None
    entry.consent_listed = False
    services.save_actor(entry, resident)
    assert entry.consented_at is None


def test_only_chosen_contact_channels_are_public(actor):
    assert actor.public_contact() == {"email": "contact@activ.example"}
    actor.contact_by = "email phone"
    assert actor.public_contact() == {"email": "contact@activ.example", "phone": "0475000000"}


def test_an_actor_edits_only_its_own_entry(actor, author, resident, association):
    assert list(Actor.objects.editable_by(author)) == [actor]
    assert not Actor.objects.editable_by(resident).exists()
    Membership.objects.create(user=resident, organisation=association, role="member")
    assert not Actor.objects.editable_by(resident).exists()


def test_the_map_point_falls_back_to_the_first_commune(actor, commune):
    assert actor.point() == (commune.latitude, commune.longitude)
    actor.latitude, actor.longitude = 45.0, 5.3
    assert actor.point() == (45.0, 5.3)


def test_role_codes_are_not_substrings_of_each_other():
    # The sets are stored as words and filtered with "contains": no code may hide another.
    from smartvillage.hub.models import Dimension

    for choices in (Actor.Role, Actor.Contact, Dimension):
        codes = [c for c, _ in choices.choices]
        assert not any(a != b and a in b for a in codes for b in codes)
