import re
from datetime import timedelta

from smartvillage.accounts.models import Invitation, Membership
from smartvillage.core.models import AuditLogEntry

URL = "/organisations/la-paz/invite/"


def test_it_adds_an_existing_user_at_once(client, admin_user, outsider, organisation, mailoutbox):
    client.force_login(admin_user)
    response = client.post(URL, {"email": "Charlie@Example.org", "role": "driver"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=outsider, organisation=organisation)
    assert membership.role == "driver"
    entry = AuditLogEntry.objects.get(action="accounts.membership.added")
    assert entry.actor == admin_user
    assert entry.data["user"] == outsider.pk
    assert not Invitation.objects.exists()
    assert mailoutbox[0].to == ["charlie@example.org"]


def test_it_emails_an_invitation_to_a_new_person(client, admin_user, organisation, mailoutbox):
    client.force_login(admin_user)
    response = client.post(URL, {"email": "newbie@example.org", "role": "member"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="newbie@example.org")
    assert invitation.organisation == organisation
    assert invitation.invited_by == admin_user
    assert invitation.is_pending
    assert abs(invitation.expires_at - invitation.created - timedelta(days=14)) < timedelta(
        minutes=1
    )
    assert mailoutbox[0].to == ["newbie@example.org"]
    key = re.search(r"/invitations/([^/\s]+)/", mailoutbox[0].body)[1]
    assert Invitation.hash_key(key) == invitation.key_hash
    entry = AuditLogEntry.objects.get(action="accounts.invitation.sent")
    assert entry.data == {"invitation": invitation.pk, "role": "member"}


def test_it_replaces_a_pending_invitation(client, admin_user, organisation):
    client.force_login(admin_user)
    client.post(URL, {"email": "newbie@example.org", "role": "member"})
    client.post(URL, {"email": "newbie@example.org", "role": "driver"})
    assert list(Invitation.objects.pending().values_list("role", flat=True)) == ["driver"]


def test_it_refuses_someone_already_member(client, admin_user, member_user):
    client.force_login(admin_user)
    response = client.post(URL, {"email": "bob@example.org", "role": "admin"})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert Membership.objects.get(user=member_user).role == "member"


def test_it_refuses_an_unknown_role(client, admin_user, outsider):
    client.force_login(admin_user)
    response = client.post(URL, {"email": "charlie@example.org", "role": "emperor"})
    assert response.status_code == 400
    assert not Membership.objects.filter(user=outsider).exists()


def test_it_refuses_a_malformed_email(client, admin_user):
    client.force_login(admin_user)
    response = client.post(URL, {"email": "not an email", "role": "member"})
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_it_forbids_plain_members(client, member_user, outsider):
    client.force_login(member_user)
    response = client.post(URL, {"email": "charlie@example.org", "role": "member"})
    assert response.status_code == 403
    assert not Membership.objects.filter(user=outsider).exists()


def test_it_forbids_operators(client, operator_user):
    client.force_login(operator_user)
    assert client.post(URL, {"email": "x@example.org", "role": "member"}).status_code == 403


def test_it_hides_the_organisation_from_outsiders(client, outsider, organisation):
    client.force_login(outsider)
    assert client.post(URL, {"email": "x@example.org", "role": "member"}).status_code == 404


def test_it_requires_post(client, admin_user):
    client.force_login(admin_user)
    assert client.get(URL).status_code == 405


def test_it_requires_login(client, organisation):
    response = client.post(URL, {"email": "x@example.org", "role": "member"})
    assert response.status_code == 302
    assert not Invitation.objects.exists()
