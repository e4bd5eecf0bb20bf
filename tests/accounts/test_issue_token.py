from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from smartvillage.accounts.models import ApiToken


def _issue(*args):
    out, err = StringIO(), StringIO()
    call_command("issue_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_it_prints_a_working_token_once(member_user, organisation):
    key, info = _issue("bob@example.org", "--organisation", "la-paz", "--name", "sync")
    token = ApiToken.objects.get()
    assert key.startswith("sv_")
    assert token.key_hash == ApiToken.hash_key(key)
    assert key not in info
    assert (token.user, token.organisation, token.name) == (member_user, organisation, "sync")
    assert ApiToken.objects.usable().filter(pk=token.pk).exists()


def test_it_sets_the_expiry(member_user):
    _issue("bob@example.org", "--days", "3")
    token = ApiToken.objects.get()
    assert (token.expires_at - token.created).days in {2, 3}


def test_it_issues_a_token_without_expiry(member_user):
    _issue("bob@example.org", "--days", "0")
    assert ApiToken.objects.get().expires_at is None


def test_it_refuses_an_unknown_email(db):
    with pytest.raises(CommandError, match="Aucun utilisateur"):
        _issue("ghost@example.org")
    assert not ApiToken.objects.exists()


def test_it_refuses_an_unknown_organisation(member_user):
    with pytest.raises(CommandError, match="Aucune organisation"):
        _issue("bob@example.org", "--organisation", "nope")


def test_it_refuses_a_user_outside_the_organisation(outsider, organisation):
    with pytest.raises(CommandError, match="n’est pas membre"):
        _issue("charlie@example.org", "--organisation", "la-paz")
    assert not ApiToken.objects.exists()


def test_it_refuses_negative_days(member_user):
    with pytest.raises(CommandError, match="--days"):
        _issue("bob@example.org", "--days", "-1")
