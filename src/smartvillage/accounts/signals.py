"""Reactions to allauth's signals: accept invitations, restore the preferred language."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed, user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from smartvillage.accounts import services
from smartvillage.accounts.adapter import set_language_cookie
from smartvillage.accounts.models import User


@receiver(user_logged_in)
def on_login(
    sender: Any, request: HttpRequest, user: User, response: Any = None, **kwargs: Any
) -> None:
    for address in EmailAddress.objects.filter(user=user, verified=True):
        services.accept_invitations_for_email(user, address.email)
    if response is not None:
        # The UI follows the preferred language from the first page after login.
        set_language_cookie(response, user.language)


@receiver(email_confirmed)
def on_email_confirmed(
    sender: Any, request: HttpRequest, email_address: EmailAddress, **kwargs: Any
) -> None:
    services.accept_invitations_for_email(email_address.user, email_address.email)
