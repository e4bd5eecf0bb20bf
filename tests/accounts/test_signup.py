import re

from allauth.account.models import EmailAddress

from smartvillage.accounts.models import User
from tests.conftest import PASSWORD


def _signup(client, **extra):
    data = {
        "email": "new@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Nina",
        "last_name": "Nouvelle",
        **extra,
    }
    return client.post("/accounts/signup/", data)


def test_it_shows_the_form_with_names_in_the_site_layout(client, db):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="first_name"' in body
    assert 'name="last_name"' in body
    assert 'id="main"' in body  # base.html's main landmark: allauth's pages use our layout
    assert 'class="form"' in body


def test_it_creates_an_unverified_user_and_sends_a_confirmation_email(client, db, mailoutbox):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert (user.first_name, user.last_name) == ("Nina", "Nouvelle")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new@example.org"]
    assert "_user_id" not in client.session  # not logged in before confirming


def test_it_logs_in_after_the_confirmation_link(client, db, mailoutbox):
    _signup(client)
    url = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+)", mailoutbox[0].body)[1]
    response = client.post(url)
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_it_accepts_a_signup_without_names(client, db):
    response = _signup(client, first_name="", last_name="")
    assert response.status_code == 302
    assert User.objects.get(email="new@example.org").first_name == ""


def test_it_remembers_the_language_of_the_signup(client, db, mailoutbox):
    client.cookies["django_language"] = "en"
    _signup(client)
    assert User.objects.get(email="new@example.org").language == "en"
    assert "Please Confirm Your Email Address" in mailoutbox[0].subject


def test_it_sends_french_emails_to_french_speakers(client, db, mailoutbox):
    client.cookies["django_language"] = "fr"
    _signup(client)
    assert User.objects.get(email="new@example.org").language == "fr"
    assert "Please Confirm" not in mailoutbox[0].subject
    assert "Confirm" in mailoutbox[0].subject  # "Confirmer votre adresse…"


def test_it_refuses_mismatched_passwords(client, db):
    response = _signup(client, password2="something else entirely")
    assert response.status_code == 200
    assert not User.objects.filter(email="new@example.org").exists()
    assert "errorlist" in response.content.decode()
