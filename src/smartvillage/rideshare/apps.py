from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RideshareConfig(AppConfig):
    name = "smartvillage.rideshare"
    label = "rideshare"
    verbose_name = _("Hitchhiking and carpooling")
    demo_command = "load_rideshare_demo"  # run by load_demo

    def ready(self) -> None:
        from smartvillage.accounts import gdpr
        from smartvillage.rideshare import privacy

        gdpr.register_exporter("rideshare.member", privacy.export)
        gdpr.register_eraser("rideshare.member", privacy.erase)
