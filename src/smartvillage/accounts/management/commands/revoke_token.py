"""Revoke an API token: ``smartvillage revoke_token PREFIX_OR_ID``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.accounts.models import ApiToken
from smartvillage.core import audit


class Command(BaseCommand):
    help = "Revoke an API token given its id or the start of its key (sv_…)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("token", metavar="PREFIX_OR_ID")

    def handle(self, *args: Any, **options: Any) -> None:
        value = options["token"].strip()
        if value.isdigit():
            tokens = list(ApiToken.objects.filter(pk=int(value)))
        elif len(value) >= 6:
            # A whole key matches its hash; otherwise match the stored prefix (10 characters).
            tokens = list(ApiToken.objects.filter(key_hash=ApiToken.hash_key(value))) or list(
                ApiToken.objects.filter(key_prefix__startswith=value[:10])
            )
        else:
            raise CommandError(_("Give a token id or at least 6 characters of its key."))
        if not tokens:
            raise CommandError(_("No token matches '%(value)s'.") % {"value": value})
        if len(tokens) > 1:
            ids = ", ".join(str(t.pk) for t in tokens)
            raise CommandError(
                _("Several tokens match '%(value)s' (ids %(ids)s): give the id.")
                % {"value": value, "ids": ids}
            )

        token = tokens[0]
        if token.revoked_at is not None:
            self.stdout.write(
                _("Token #%(id)s was already revoked on %(date)s.")
                % {"id": token.pk, "date": f"{token.revoked_at:%Y-%m-%d}"}
            )
            return
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        # The token's text names its user: keep names out of the append-only log.
        audit.record(None, "accounts.token.revoked", token=token.pk, user=token.user_id)
        self.stdout.write(
            _("Token #%(id)s (%(prefix)s…) is revoked.")
            % {"id": token.pk, "prefix": token.key_prefix}
        )
