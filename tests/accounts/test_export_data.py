import json

from smartvillage.accounts import gdpr
from smartvillage.accounts.models import ApiToken
from smartvillage.core import audit

URL = "/me/data.json"


def test_it_requires_login(client, db):
    assert client.get(URL).status_code == 302


def test_it_downloads_my_data(client, admin_user, organisation, member_user, commune):
    admin_user.commune = commune
    admin_user.phone = "0475000000"
    admin_user.save()
    token, key = ApiToken.issue(admin_user, organisation, name="sync")
    audit.record(admin_user, "accounts.membership.role_changed", organisation, user=1)
    audit.record(member_user, "accounts.test.other", organisation)
    client.force_login(admin_user)

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    payload = json.loads(response.content)
    data = payload["data"]
    assert data["accounts.profile"]["email"] == "alice@example.org"
    assert data["accounts.profile"]["phone"] == "0475000000"
    assert data["accounts.profile"]["commune"]["insee_code"] == "26074"
    assert data["accounts.email_addresses"] == [
        {"email": "alice@example.org", "verified": True, "primary": True}
    ]
    assert data["accounts.memberships"][0]["organisation_slug"] == "la-paz"
    assert data["accounts.memberships"][0]["role"] == "admin"
    assert data["accounts.api_tokens"][0]["key_prefix"] == token.key_prefix
    assert [e["action"] for e in data["accounts.audit_log"]] == ["accounts.membership.role_changed"]
    text = response.content.decode()
    assert token.key_hash not in text
    assert key not in text


def test_it_contains_nothing_of_another_user(client, admin_user, member_user):
    audit.record(admin_user, "accounts.test.admin_only")
    client.force_login(member_user)
    text = client.get(URL).content.decode()
    assert "bob@example.org" in text
    assert "alice@example.org" not in text
    assert "Alice" not in text
    assert "accounts.test.admin_only" not in text


def test_it_includes_what_other_apps_register(client, member_user, monkeypatch):
    monkeypatch.setattr(gdpr, "_exporters", {**gdpr._exporters})
    gdpr.register_exporter("tests.part", lambda user: [{"user": user.email}])
    client.force_login(member_user)
    data = client.get(URL).json()["data"]
    assert data["tests.part"] == [{"user": "bob@example.org"}]


def test_it_refuses_post(client, member_user):
    client.force_login(member_user)
    assert client.post(URL).status_code == 405
