from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from smartvillage.accounts.models import ApiToken
from smartvillage.core.models import AuditLogEntry


def _revoke(value):
    out = StringIO()
    call_command("revoke_token", value, stdout=out)
    return out.getvalue()


def test_it_revokes_by_id(member_user):
    token, _key = ApiToken.issue(member_user)
    _revoke(str(token.pk))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not ApiToken.objects.usable().exists()
    assert AuditLogEntry.objects.get(action="accounts.token.revoked").data["token"] == token.pk


def test_it_revokes_by_prefix(member_user):
    token, key = ApiToken.issue(member_user)
    _revoke(key[:8])
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_revokes_by_whole_key(member_user):
    token, key = ApiToken.issue(member_user)
    _revoke(key)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_leaves_other_tokens_alone(member_user):
    token, _key = ApiToken.issue(member_user)
    other, _other_key = ApiToken.issue(member_user)
    _revoke(str(token.pk))
    other.refresh_from_db()
    assert other.revoked_at is None


def test_it_says_when_already_revoked(member_user):
    token, _key = ApiToken.issue(member_user)
    _revoke(str(token.pk))
    assert "déjà été révoqué" in _revoke(str(token.pk))
    assert AuditLogEntry.objects.filter(action="accounts.token.revoked").count() == 1


def test_it_refuses_an_unknown_token(db):
    with pytest.raises(CommandError, match="Aucun jeton"):
        _revoke("999")


def test_it_refuses_a_too_short_prefix(db):
    with pytest.raises(CommandError, match="au moins 6"):
        _revoke("sv_")
