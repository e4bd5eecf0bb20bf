"""Issue an API token: ``smartvillage issue_token EMAIL [--organisation SLUG] [--days N]``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.accounts.models import ApiToken, Membership, Organisation, User
from smartvillage.core import audit


class Command(BaseCommand):
    help = "Issue an API token for a user and print it once (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--organisation", metavar="SLUG", help="act for this organisation")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument(
            "--days",
            type=int,
            default=settings.API_TOKEN_DEFAULT_DAYS,
            help="validity in days, 0 for no expiry (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(_("No user with the email address '%(email)s'.") % {"email": email})
        if not user.is_active:
            raise CommandError(_("The user '%(email)s' is inactive.") % {"email": email})
        if options["days"] < 0:
            raise CommandError(_("--days must be 0 (no expiry) or more."))

        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(
                    _("No organisation with the slug '%(slug)s'.")
                    % {"slug": options["organisation"]}
                )
            if not Membership.objects.filter(user=user, organisation=organisation).exists():
                raise CommandError(
                    _("'%(email)s' is not a member of '%(slug)s'.")
                    % {"email": email, "slug": organisation.slug}
                )

        expires_at = None
        if options["days"]:
            expires_at = timezone.now() + timedelta(days=options["days"])
        token, key = ApiToken.issue(
            user, organisation, name=options["name"][:100], expires_at=expires_at
        )
        # The token's text names its user: keep names out of the append-only log.
        audit.record(None, "accounts.token.issued", token=token.pk, user=user.pk)

        expiry = f"expires {expires_at:%Y-%m-%d}" if expires_at else "never expires"
        self.stderr.write(
            f"Token #{token.pk} ({token.key_prefix}…) for {user.email}, {expiry}. "
            "It is shown once: store it now."
        )
        self.stdout.write(key)
