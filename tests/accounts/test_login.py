from tests.conftest import PASSWORD


def _login(client, password, email="bob@example.org"):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_it_logs_in_with_email_and_password(client, member_user):
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member_user.pk)


def test_it_sets_the_language_cookie_from_the_profile(client, member_user):
    member_user.language = "en"
    member_user.save(update_fields=["language"])
    response = _login(client, PASSWORD)
    assert response.cookies["django_language"].value == "en"


def test_it_refuses_a_wrong_password(client, member_user):
    response = _login(client, "wrong password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_throttles_after_five_failed_logins(client, member_user):
    client.cookies["django_language"] = "en"
    for _ in range(5):
        assert _login(client, "wrong password").status_code == 200
    response = _login(client, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_it_does_not_throttle_another_account(client, member_user, outsider):
    for _ in range(5):
        _login(client, "wrong password")
    _login(client, PASSWORD, email="charlie@example.org")
    assert client.session["_auth_user_id"] == str(outsider.pk)


def test_it_refuses_an_erased_account(client, member_user):
    member_user.is_active = False
    member_user.save(update_fields=["is_active"])
    _login(client, PASSWORD)
    assert "_auth_user_id" not in client.session


def test_it_logs_out_on_post(client, member_user):
    client.force_login(member_user)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
