from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OndemandConfig(AppConfig):
    name = "smartvillage.ondemand"
    label = "ondemand"
    verbose_name = _("On-demand transport")
    demo_command = "load_ondemand_demo"  # run by load_demo

    def ready(self) -> None:
        from smartvillage.accounts import gdpr
        from smartvillage.ondemand import privacy

        gdpr.register_exporter("ondemand.personal", privacy.export_user)
        gdpr.register_eraser("ondemand.personal", privacy.erase_user)
