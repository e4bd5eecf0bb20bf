from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "smartvillage.impact"
    label = "impact"
    verbose_name = _("Impact")
    demo_command = "load_impact_demo"  # run by load_demo

    def ready(self) -> None:
        from smartvillage.accounts import gdpr
        from smartvillage.impact import privacy

        gdpr.register_exporter("impact.monthly", privacy.export_monthly)
        gdpr.register_exporter("impact.challenges", privacy.export_challenges)
        gdpr.register_exporter("impact.event_carpools", privacy.export_event_carpools)
        gdpr.register_exporter("impact.rides_home", privacy.export_rides_home)
        gdpr.register_eraser("impact.member", privacy.erase)
