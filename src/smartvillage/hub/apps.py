from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "smartvillage.hub"
    label = "hub"
    verbose_name = _("Territory hub")
    demo_command = "load_hub_demo"  # run by load_demo

    def ready(self) -> None:
        from smartvillage.accounts import gdpr
        from smartvillage.hub import privacy

        gdpr.register_exporter("hub.actors", privacy.export_actors)
        gdpr.register_exporter("hub.initiatives", privacy.export_initiatives)
        gdpr.register_exporter("hub.registrations", privacy.export_registrations)
        gdpr.register_eraser("hub.member", privacy.erase)
