import pytest

from smartvillage.accounts.models import ApiToken, Invitation
from smartvillage.core import audit
from smartvillage.core.models import AuditLogEntry


@pytest.fixture
def staff_client(client, make_user):
    user = make_user("root@example.org", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/accounts/organisation/",
        "/admin/accounts/membership/",
        "/admin/accounts/invitation/",
        "/admin/accounts/apitoken/",
        "/admin/core/auditlogentry/",
        "/admin/core/auditlogentry/?q=accounts",
    ],
)
def test_it_shows_the_lists(staff_client, admin_user, url):
    assert staff_client.get(url).status_code == 200


def test_it_shows_a_user_and_an_organisation(staff_client, admin_user, organisation):
    assert staff_client.get(f"/admin/accounts/user/{admin_user.pk}/change/").status_code == 200
    url = f"/admin/accounts/organisation/{organisation.pk}/change/"
    assert staff_client.get(url).status_code == 200


def test_it_revokes_tokens(staff_client, admin_user):
    token, _key = ApiToken.issue(admin_user)
    response = staff_client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_cannot_add_tokens_or_invitations(staff_client, db):
    assert staff_client.get("/admin/accounts/apitoken/add/").status_code == 403
    assert staff_client.get("/admin/accounts/invitation/add/").status_code == 403
    assert not ApiToken.objects.exists()
    assert not Invitation.objects.exists()


def test_it_keeps_the_audit_log_read_only(staff_client, admin_user):
    entry = audit.record(admin_user, "accounts.test.done")
    assert staff_client.get("/admin/core/auditlogentry/add/").status_code == 403
    url = f"/admin/core/auditlogentry/{entry.pk}/change/"
    assert staff_client.get(url).status_code == 200  # view only
    assert staff_client.post(url, {"action": "x.y.z"}).status_code == 403
    assert staff_client.post(f"/admin/core/auditlogentry/{entry.pk}/delete/").status_code == 403
    assert AuditLogEntry.objects.get(pk=entry.pk).action == "accounts.test.done"
