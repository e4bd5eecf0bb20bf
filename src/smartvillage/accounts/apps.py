from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "smartvillage.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from smartvillage.accounts import gdpr, signals  # noqa: F401 - connects the receivers

        gdpr.register_accounts_parts()
