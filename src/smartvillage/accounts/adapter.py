"""allauth's hooks: emails in the recipient's language, the sign-up language remembered."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from smartvillage.accounts.models import User


def supported_language(code: str | None) -> str:
    """Map a language code ("en-gb", "fr") to one of User.Language, French by default."""
    short = (code or "").split("-")[0].lower()
    return short if short in User.Language.values else User.Language.FR


def set_language_cookie(response: HttpResponse, language: str) -> None:
    """Make the UI follow ``language`` from the next page on (LocaleMiddleware reads the cookie)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # "Lax" (settings)
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def save_user(
        self, request: HttpRequest, user: User, form: BaseForm, commit: bool = True
    ) -> User:
        user.language = supported_language(translation.get_language())
        return super().save_user(request, user, form, commit=commit)  # type: ignore[no-any-return]

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = user.language if user else supported_language(translation.get_language())
        # allauth's emails name the Site row ("example.com" until edited): use our settings.
        site = SimpleNamespace(
            name=settings.SITE_NAME, domain=urlsplit(settings.SITE_ROOT).netloc or "localhost"
        )
        context = {"current_site": site, **context, "SITE_NAME": settings.SITE_NAME}
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
