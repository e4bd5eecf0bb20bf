from smartvillage.accounts.models import Invitation
from smartvillage.core.models import AuditLogEntry


def _url(invitation):
    return f"/organisations/la-paz/invitations/{invitation.pk}/cancel/"


def test_it_cancels_a_pending_invitation(client, admin_user, organisation):
    invitation, _key = Invitation.create(organisation, "new@example.org", "member", admin_user)
    client.force_login(admin_user)
    assert client.post(_url(invitation)).status_code == 302
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    assert not invitation.is_pending
    assert AuditLogEntry.objects.filter(action="accounts.invitation.cancelled").count() == 1


def test_it_forbids_plain_members(client, member_user, organisation, admin_user):
    invitation, _key = Invitation.create(organisation, "new@example.org", "member", admin_user)
    client.force_login(member_user)
    assert client.post(_url(invitation)).status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_it_requires_post(client, admin_user, organisation):
    invitation, _key = Invitation.create(organisation, "new@example.org", "member", admin_user)
    client.force_login(admin_user)
    assert client.get(_url(invitation)).status_code == 405
