from smartvillage.accounts.models import Membership
from smartvillage.core.models import AuditLogEntry


def _url(membership):
    return f"/organisations/la-paz/members/{membership.pk}/remove/"


def test_it_removes_a_member(client, admin_user, member_user):
    membership = Membership.objects.get(user=member_user)
    client.force_login(admin_user)
    response = client.post(_url(membership))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditLogEntry.objects.get(action="accounts.membership.removed")
    assert entry.actor == admin_user
    assert entry.data == {"user": member_user.pk, "membership": membership.pk, "role": "member"}


def test_it_refuses_to_remove_the_last_admin(client, admin_user):
    membership = Membership.objects.get(user=admin_user)
    client.cookies["django_language"] = "en"
    client.force_login(admin_user)
    response = client.post(_url(membership), follow=True)
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "must keep at least one administrator" in response.content.decode()
    assert not AuditLogEntry.objects.filter(action="accounts.membership.removed").exists()


def test_it_lets_an_admin_leave_when_another_remains(client, admin_user, second_admin):
    membership = Membership.objects.get(user=admin_user)
    client.force_login(admin_user)
    client.post(_url(membership))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_it_forbids_plain_members(client, admin_user, member_user):
    membership = Membership.objects.get(user=admin_user)
    client.force_login(member_user)
    assert client.post(_url(membership)).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_it_hides_the_organisation_from_outsiders(client, outsider, member_user):
    client.force_login(outsider)
    assert client.post(_url(Membership.objects.get(user=member_user))).status_code == 404


def test_it_returns_404_for_a_membership_of_another_organisation(
    client, admin_user, make_user, organisation
):
    from smartvillage.accounts.models import Organisation

    other = Organisation.objects.create(name="Other", slug="other", kind="company")
    stranger = Membership.objects.create(user=make_user("s@example.org"), organisation=other)
    client.force_login(admin_user)
    assert client.post(_url(stranger)).status_code == 404
    assert Membership.objects.filter(pk=stranger.pk).exists()


def test_it_returns_404_for_a_non_numeric_id(client, admin_user):
    client.force_login(admin_user)
    assert client.post("/organisations/la-paz/members/abc/remove/").status_code == 404


def test_it_requires_post(client, admin_user, member_user):
    client.force_login(admin_user)
    assert client.get(_url(Membership.objects.get(user=member_user))).status_code == 405
