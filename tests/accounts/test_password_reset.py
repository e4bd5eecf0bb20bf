import re

from tests.conftest import PASSWORD


def test_it_emails_a_reset_link(client, member_user, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "bob@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["bob@example.org"]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_it_writes_in_the_users_language(client, member_user, mailoutbox):
    member_user.language = "en"
    member_user.save(update_fields=["language"])
    client.cookies["django_language"] = "fr"
    client.post("/accounts/password/reset/", {"email": "bob@example.org"})
    assert "Password Reset" in mailoutbox[0].subject


def test_it_sets_a_new_password_from_the_link(client, member_user, mailoutbox):
    client.post("/accounts/password/reset/", {"email": "bob@example.org"})
    url = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mailoutbox[0].body)[1]
    response = client.get(url)  # redirects to the same page without the key in the URL
    response = client.post(
        response["Location"],
        {"password1": "a new long passphrase 42", "password2": "a new long passphrase 42"},
    )
    assert response.status_code == 302
    member_user.refresh_from_db()
    assert member_user.check_password("a new long passphrase 42")
    assert not member_user.check_password(PASSWORD)


def test_it_does_not_reveal_unknown_addresses(client, db, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert all("/accounts/password/reset/key/" not in m.body for m in mailoutbox)
