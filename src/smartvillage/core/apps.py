from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "smartvillage.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # The Celery application must exist before any task is queued (its settings, the
        # beat schedule): every Django process loads it here.
        import smartvillage.celery  # noqa: F401
