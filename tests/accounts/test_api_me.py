from datetime import timedelta

from django.utils import timezone

from smartvillage.accounts.models import ApiToken

URL = "/api/v1/accounts/me"


def _get(client, key):
    return client.get(URL, headers={"Authorization": f"Bearer {key}"})


def test_it_returns_my_profile_with_a_token(client, admin_user, organisation):
    _token, key = ApiToken.issue(admin_user, organisation)
    response = _get(client, key)
    assert response.status_code == 200
    data = response.json()
    assert data["email"] == "alice@example.org"
    assert data["first_name"] == "Alice"
    assert data["memberships"] == [
        {"organisation": "Centre social La Paz", "organisation_slug": "la-paz", "role": "admin"}
    ]


def test_it_records_the_last_use(client, admin_user):
    token, key = ApiToken.issue(admin_user)
    _get(client, key)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_returns_my_profile_with_a_session(client, member_user):
    client.force_login(member_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["email"] == "bob@example.org"


def test_it_refuses_anonymous(client, db):
    assert client.get(URL).status_code == 401


def test_it_refuses_a_wrong_token(client, admin_user):
    ApiToken.issue(admin_user)
    assert _get(client, "sv_not-the-right-one").status_code == 401


def test_it_refuses_a_revoked_token(client, admin_user):
    token, key = ApiToken.issue(admin_user)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    assert _get(client, key).status_code == 401


def test_it_refuses_an_expired_token(client, admin_user):
    _token, key = ApiToken.issue(admin_user, expires_at=timezone.now() - timedelta(seconds=1))
    assert _get(client, key).status_code == 401


def test_it_refuses_the_token_of_an_inactive_user(client, admin_user):
    _token, key = ApiToken.issue(admin_user)
    admin_user.is_active = False
    admin_user.save(update_fields=["is_active"])
    assert _get(client, key).status_code == 401


def test_it_does_not_leak_another_users_profile(client, admin_user, member_user):
    _token, key = ApiToken.issue(member_user)
    client.force_login(admin_user)  # the token wins over the session
    assert _get(client, key).json()["email"] == "bob@example.org"
