"""Rate limits: login, sign-up and password reset (allauth) and every booking endpoint.

Each test counts up to the configured limit and checks that the next attempt is refused with a
429 (a translated page, or a JSON error for the API) while another person is not affected.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from smartvillage.accounts.models import ApiToken
from smartvillage.core.ratelimit import client_ip
from tests.conftest import PASSWORD


def _limit(rates: str, scope: str) -> int:
    """N of the "N/period/scope" part of an allauth rate-limit setting."""
    for rate in rates.split(","):
        amount, _period, *rest = rate.split("/")
        if (rest[0] if rest else "ip") == scope:
            return int(amount)
    raise AssertionError(f"no {scope} limit in {rates}")


def _client(ip: str, language: str = "en") -> Client:
    client = Client(REMOTE_ADDR=ip)
    client.cookies["django_language"] = language
    return client


# --- Accounts (django-allauth's rate limits) ------------------------------------------------


def test_login_refuses_the_attempt_past_the_limit_per_address(member_user, outsider):
    limit = _limit(settings.ACCOUNT_RATE_LIMITS["login"], "ip")
    crowded = _client("192.0.2.10")
    for _ in range(limit):
        crowded.get("/accounts/logout/")
        response = crowded.post(
            "/accounts/login/", {"login": "bob@example.org", "password": PASSWORD}
        )
        assert response.status_code == 302
        crowded.post("/accounts/logout/")
    refused = crowded.post("/accounts/login/", {"login": "bob@example.org", "password": PASSWORD})
    assert refused.status_code == 429
    # Bob's profile language (French) came with his logins: the page follows it.
    assert "Trop de tentatives" in refused.content.decode()
    assert "_auth_user_id" not in crowded.session
    # Someone else, from another address, logs in as usual.
    other = _client("192.0.2.20")
    response = other.post(
        "/accounts/login/", {"login": "charlie@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert other.session["_auth_user_id"] == str(outsider.pk)


def test_the_refusal_page_is_in_french_first(db):
    client = _client("192.0.2.11", language="fr")
    limit = _limit(settings.ACCOUNT_RATE_LIMITS["signup"], "ip")
    for _ in range(limit):
        client.post("/accounts/signup/", {"email": "not-an-email"})
    refused = client.post("/accounts/signup/", {"email": "not-an-email"})
    assert refused.status_code == 429
    assert "Trop de tentatives" in refused.content.decode()


def test_signup_refuses_the_attempt_past_the_limit_per_address(db):
    limit = _limit(settings.ACCOUNT_RATE_LIMITS["signup"], "ip")
    crowded = _client("192.0.2.12")
    for i in range(limit):
        response = crowded.post(
            "/accounts/signup/",
            {"email": f"p{i}@example.org", "password1": "x", "password2": "y"},
        )
        assert response.status_code == 200  # the form's own errors
    refused = crowded.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert refused.status_code == 429
    other = _client("192.0.2.21")
    response = other.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302


def test_password_reset_refuses_the_request_past_the_limit_per_address(member_user, outsider):
    limit = _limit(settings.ACCOUNT_RATE_LIMITS["reset_password"], "key")
    client = _client("192.0.2.13")
    for _ in range(limit):
        response = client.post("/accounts/password/reset/", {"email": "bob@example.org"})
        assert response.status_code == 302
    sent = len(mail.outbox)
    refused = client.post("/accounts/password/reset/", {"email": "bob@example.org"})
    assert refused.status_code == 429
    assert len(mail.outbox) == sent
    # Another account's reset still goes out (the limit is per address asked for).
    response = client.post("/accounts/password/reset/", {"email": "charlie@example.org"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["charlie@example.org"]


# --- Booking endpoints (django-ratelimit) --------------------------------------------------

WEB_BOOKING_URLS = [
    ("ondemand:book", {"slug": "nowhere"}),
    ("ondemand:recurring_new", {"slug": "nowhere"}),
    ("ondemand:phone", {"slug": "nowhere"}),
    ("ondemand:phone_recurring", {"slug": "nowhere"}),
    ("carsharing:book", {"pk": 999999}),
    ("thirdplaces:book", {"pk": 999999}),
    ("thirdplaces:register", {"pk": 999999}),
    ("thirdplaces:buy_pass", {"pk": 999999}),
    ("rideshare:new_trip", {}),
    ("rideshare:new_request", {}),
    ("rideshare:contact_driver", {"pk": 999999}),
    ("rideshare:new_hitch", {}),
]

API_BOOKING_URLS = [
    "/api/v1/ondemand/services/nowhere/quote",
    "/api/v1/ondemand/services/nowhere/bookings",
    "/api/v1/carsharing/bookings",
    "/api/v1/thirdplaces/bookings",
    "/api/v1/thirdplaces/events/999999/register",
    "/api/v1/rideshare/hitch",
]


@pytest.mark.parametrize(("name", "kwargs"), WEB_BOOKING_URLS)
def test_every_booking_form_is_limited_per_person(settings, member_user, outsider, name, kwargs):
    settings.BOOKING_RATE_LIMIT = "3/h"
    url = reverse(name, kwargs=kwargs)
    client = _client("192.0.2.30")
    client.force_login(member_user)
    for _ in range(3):
        assert client.post(url, {}).status_code != 429
    refused = client.post(url, {})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many attempts" in refused.content.decode()
    # Reading the form is not counted; another person (same address) is not affected.
    assert client.get(url).status_code != 429
    other = _client("192.0.2.30")
    other.force_login(outsider)
    assert other.post(url, {}).status_code != 429


@pytest.mark.parametrize("url", API_BOOKING_URLS)
def test_every_booking_endpoint_of_the_api_is_limited_per_token(
    settings, member_user, outsider, url
):
    settings.BOOKING_RATE_LIMIT = "3/h"
    _t, mine = ApiToken.issue(member_user)
    _t, theirs = ApiToken.issue(outsider)
    client = _client("192.0.2.31")

    def post(key):
        return client.post(
            url, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
        )

    for _ in range(3):
        assert post(mine).status_code != 429
    refused = post(mine)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert "Too many requests" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    assert post(theirs).status_code != 429


def test_the_web_form_and_the_api_share_a_persons_booking_budget(settings, member_user):
    settings.BOOKING_RATE_LIMIT = "2/h"
    client = _client("192.0.2.32")
    client.force_login(member_user)
    client.post(reverse("carsharing:book", kwargs={"pk": 999999}), {})
    client.post("/api/v1/carsharing/bookings", {}, content_type="application/json")
    refused = client.post("/api/v1/carsharing/bookings", {}, content_type="application/json")
    assert refused.status_code == 429
    # Another service keeps its own budget.
    assert client.post(reverse("thirdplaces:book", kwargs={"pk": 999999}), {}).status_code != 429


def test_limits_can_be_switched_off(settings, member_user):
    settings.BOOKING_RATE_LIMIT = "1/h"
    settings.RATELIMIT_ENABLE = False
    client = _client("192.0.2.33")
    client.force_login(member_user)
    url = reverse("carsharing:book", kwargs={"pk": 999999})
    assert all(client.post(url, {}).status_code == 404 for _ in range(5))


def test_behind_a_proxy_the_client_address_is_read_from_x_forwarded_for(settings, rf):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "127.0.0.1"  # no trusted proxy: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # what our proxy saw, not what the client wrote
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


def test_the_admin_login_goes_through_the_rate_limited_login(db, make_user):
    make_user("root@example.org", is_staff=True, is_superuser=True)
    client = _client("192.0.2.40")
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=%2Fadmin%2F" in response["Location"]
    # The admin's own form cannot be used to try passwords either.
    posted = client.post("/admin/login/", {"username": "root@example.org", "password": PASSWORD})
    assert posted.status_code == 302
    assert "_auth_user_id" not in client.session
    logged = client.post(
        "/accounts/login/?next=/admin/", {"login": "root@example.org", "password": PASSWORD}
    )
    assert logged["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_openapi_document_lists_the_429_of_every_limited_operation(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for url in API_BOOKING_URLS:
        path = url.replace("nowhere", "{slug}").replace("999999", "{event_id}")
        answer = paths[path]["post"]["responses"]["429"]
        schema = answer["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/RateLimitedOut"}, path
