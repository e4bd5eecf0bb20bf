from smartvillage.accounts.models import Membership
from smartvillage.core.models import AuditLogEntry


def _url(membership):
    return f"/organisations/la-paz/members/{membership.pk}/role/"


def test_it_changes_a_role(client, admin_user, member_user):
    membership = Membership.objects.get(user=member_user)
    client.force_login(admin_user)
    response = client.post(_url(membership), {"role": "operator"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "operator"
    entry = AuditLogEntry.objects.get(action="accounts.membership.role_changed")
    assert entry.actor == admin_user
    assert entry.data["old_role"] == "member"
    assert entry.data["new_role"] == "operator"


def test_it_does_nothing_when_the_role_is_the_same(client, admin_user, member_user):
    membership = Membership.objects.get(user=member_user)
    client.force_login(admin_user)
    client.post(_url(membership), {"role": "member"})
    assert not AuditLogEntry.objects.exists()


def test_it_refuses_to_demote_the_last_admin(client, admin_user):
    membership = Membership.objects.get(user=admin_user)
    client.force_login(admin_user)
    response = client.post(_url(membership), {"role": "member"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "admin"
    assert not AuditLogEntry.objects.exists()


def test_it_demotes_an_admin_when_another_remains(client, admin_user, second_admin):
    membership = Membership.objects.get(user=second_admin)
    client.force_login(admin_user)
    client.post(_url(membership), {"role": "driver"})
    membership.refresh_from_db()
    assert membership.role == "driver"


def test_it_refuses_an_unknown_role(client, admin_user, member_user):
    membership = Membership.objects.get(user=member_user)
    client.force_login(admin_user)
    response = client.post(_url(membership), {"role": "superhero"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "member"


def test_it_forbids_plain_members(client, admin_user, member_user):
    membership = Membership.objects.get(user=member_user)
    client.force_login(member_user)
    assert client.post(_url(membership), {"role": "admin"}).status_code == 403
    membership.refresh_from_db()
    assert membership.role == "member"


def test_it_hides_the_organisation_from_outsiders(client, outsider, member_user):
    client.force_login(outsider)
    response = client.post(_url(Membership.objects.get(user=member_user)), {"role": "admin"})
    assert response.status_code == 404


def test_it_requires_post(client, admin_user, member_user):
    client.force_login(admin_user)
    assert client.get(_url(Membership.objects.get(user=member_user))).status_code == 405


def test_it_requires_login(client, member_user):
    response = client.post(_url(Membership.objects.get(user=member_user)), {"role": "admin"})
    assert response.status_code == 302
    assert Membership.objects.get(user=member_user).role == "member"
