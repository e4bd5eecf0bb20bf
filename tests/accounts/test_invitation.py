import re
from datetime import timedelta

import time_machine
from allauth.account.models import EmailAddress
from django.utils import timezone

from smartvillage.accounts.models import Invitation, Membership, User
from tests.conftest import PASSWORD


def _invite(organisation, admin_user, email="new@example.org", role="driver"):
    invitation, key = Invitation.create(organisation, email, role, invited_by=admin_user)
    return invitation, f"/invitations/{key}/"


def test_it_shows_the_invitation_to_anonymous_visitors(client, organisation, admin_user):
    _invitation, url = _invite(organisation, admin_user)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Centre social La Paz" in body
    assert "/accounts/signup/?email=new%40example.org" in body


def test_it_joins_when_signing_up_from_the_link_without_confirmation_email(
    client, organisation, admin_user, mailoutbox
):
    invitation, url = _invite(organisation, admin_user)
    client.get(url)
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD, "next": url},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert EmailAddress.objects.get(user=user).verified  # the link proved the mailbox
    assert client.session["_auth_user_id"] == str(user.pk)
    assert Membership.objects.get(user=user, organisation=organisation).role == "driver"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    # Following the link again leads to the organisation, not to an error.
    assert client.get(url)["Location"] == "/organisations/la-paz/"


def test_it_joins_when_confirming_the_invited_address_later(
    client, organisation, admin_user, mailoutbox
):
    _invite(organisation, admin_user)
    client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    user = User.objects.get(email="new@example.org")
    assert not Membership.objects.filter(user=user).exists()  # not before the confirmation
    confirm = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+)", mailoutbox[-1].body)[1]
    client.post(confirm)
    assert Membership.objects.get(user=user, organisation=organisation).role == "driver"


def test_it_joins_when_an_existing_user_logs_in(client, organisation, admin_user, make_user):
    user = make_user("new@example.org")
    _invite(organisation, admin_user)
    client.post("/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert Membership.objects.filter(user=user, organisation=organisation).exists()


def test_it_accepts_on_post_for_a_logged_in_user(client, organisation, admin_user, outsider):
    invitation, url = _invite(organisation, admin_user)
    client.force_login(outsider)
    response = client.post(url)
    assert response["Location"] == "/organisations/la-paz/"
    assert Membership.objects.get(user=outsider, organisation=organisation).role == "driver"
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_it_keeps_the_role_of_someone_already_member(client, organisation, admin_user, member_user):
    _invitation, url = _invite(organisation, admin_user, role="admin")
    client.force_login(member_user)
    client.post(url)
    assert Membership.objects.get(user=member_user).role == "member"


def test_it_refuses_an_expired_invitation(client, organisation, admin_user, outsider):
    _invitation, url = _invite(organisation, admin_user)
    client.force_login(outsider)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert not Membership.objects.filter(user=outsider).exists()


def test_it_refuses_a_used_invitation(client, organisation, admin_user, outsider, make_user):
    _invitation, url = _invite(organisation, admin_user)
    client.force_login(make_user("first@example.org"))
    client.post(url)
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    assert not Membership.objects.filter(user=outsider).exists()


def test_it_refuses_an_unknown_key(client, db):
    assert client.get("/invitations/not-a-key/").status_code == 404


def test_it_sends_anonymous_posts_to_login(client, organisation, admin_user):
    _invitation, url = _invite(organisation, admin_user)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Membership.objects.exclude(user=admin_user).exists()
