from allauth.account.models import EmailAddress

from smartvillage.accounts import gdpr
from smartvillage.accounts.models import ApiToken, Invitation, Membership, User
from smartvillage.core import audit
from smartvillage.core.models import AuditLogEntry
from tests.conftest import PASSWORD

URL = "/me/delete/"


def test_it_requires_login(client, db):
    assert client.post(URL, {"password": PASSWORD}).status_code == 302


def test_it_shows_a_confirmation_page(client, member_user):
    client.force_login(member_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert User.objects.get(pk=member_user.pk).is_active


def test_it_erases_personal_data_and_keeps_the_row(client, member_user, commune, organisation):
    member_user.phone = "0612345678"
    member_user.commune = commune
    member_user.accessibility_needs = "Canne blanche"
    member_user.save()
    ApiToken.issue(member_user)
    entry = audit.record(member_user, "accounts.test.done")
    client.force_login(member_user)

    response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    user = User.objects.get(pk=member_user.pk)
    assert user.email == f"deleted-{user.pk}@invalid"
    assert (user.first_name, user.last_name, user.phone) == ("", "", "")
    assert user.commune is None
    assert user.accessibility_needs == ""
    assert not user.has_usable_password()
    assert not user.is_active
    assert user.anonymised_at is not None
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not ApiToken.objects.filter(user=user).exists()
    assert not Membership.objects.filter(user=user).exists()
    assert AuditLogEntry.objects.get(pk=entry.pk).actor_id == user.pk  # kept for statistics
    erased = AuditLogEntry.objects.get(action="accounts.user.erased")
    assert erased.actor_id == user.pk
    assert "Bob" not in erased.target_repr
    assert "_auth_user_id" not in client.session


def test_it_ends_the_users_other_sessions(client, member_user, django_user_model):
    from django.test import Client

    other_device = Client()
    other_device.force_login(member_user)
    client.force_login(member_user)
    client.post(URL, {"password": PASSWORD})
    assert other_device.get("/me/").status_code == 302  # sent to the login page


def test_it_drops_invitations_sent_to_the_user(client, member_user, organisation, admin_user):
    Invitation.create(organisation, "bob@example.org", "member", invited_by=admin_user)
    client.force_login(member_user)
    client.post(URL, {"password": PASSWORD})
    assert not Invitation.objects.filter(email="bob@example.org").exists()


def test_it_refuses_a_wrong_password(client, member_user):
    client.force_login(member_user)
    response = client.post(URL, {"password": "not my password"})
    assert response.status_code == 200
    assert User.objects.get(pk=member_user.pk).email == "bob@example.org"


def test_it_refuses_the_last_admin(client, admin_user, organisation):
    client.force_login(admin_user)
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 200
    assert "Centre social La Paz" in response.content.decode()
    user = User.objects.get(pk=admin_user.pk)
    assert user.email == "alice@example.org"
    assert user.is_active
    assert Membership.objects.filter(user=user, organisation=organisation).exists()


def test_it_lets_an_admin_go_when_another_admin_remains(client, admin_user, second_admin):
    client.force_login(admin_user)
    client.post(URL, {"password": PASSWORD})
    assert User.objects.get(pk=admin_user.pk).anonymised_at is not None


def test_it_runs_the_registered_erasers(client, member_user, monkeypatch):
    erased = []
    monkeypatch.setattr(gdpr, "_erasers", {**gdpr._erasers})
    gdpr.register_eraser("tests.part", lambda user: erased.append(user.email))
    client.force_login(member_user)
    client.post(URL, {"password": PASSWORD})
    assert erased == ["bob@example.org"]  # erasers see the data before it is blanked


def test_it_rolls_back_when_an_eraser_fails(client, member_user, monkeypatch):
    def broken(user):
        raise RuntimeError("disk full")

    monkeypatch.setattr(gdpr, "_erasers", {**gdpr._erasers, "tests.broken": broken})
    client.raise_request_exception = False
    client.force_login(member_user)
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 500
    user = User.objects.get(pk=member_user.pk)
    assert user.email == "bob@example.org"
    assert Membership.objects.filter(user=user).exists()


def test_it_refuses_put(client, member_user):
    client.force_login(member_user)
    assert client.put(URL).status_code == 405
