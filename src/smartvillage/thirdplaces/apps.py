from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThirdplacesConfig(AppConfig):
    name = "smartvillage.thirdplaces"
    label = "thirdplaces"
    verbose_name = _("Third places")
    demo_command = "load_thirdplaces_demo"  # run by load_demo

    def ready(self) -> None:
        from smartvillage.accounts import gdpr
        from smartvillage.thirdplaces import privacy

        gdpr.register_exporter("thirdplaces.bookings", privacy.export_bookings)
        gdpr.register_exporter("thirdplaces.passes", privacy.export_passes)
        gdpr.register_exporter("thirdplaces.registrations", privacy.export_registrations)
        gdpr.register_exporter("thirdplaces.workplace", privacy.export_workplace)
        gdpr.register_eraser("thirdplaces.member", privacy.erase)
