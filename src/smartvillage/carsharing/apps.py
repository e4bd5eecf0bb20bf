from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarsharingConfig(AppConfig):
    name = "smartvillage.carsharing"
    label = "carsharing"
    verbose_name = _("Car sharing")
    demo_command = "load_carsharing_demo"  # run by load_demo

    def ready(self) -> None:
        from smartvillage.accounts import gdpr
        from smartvillage.carsharing import privacy

        gdpr.register_exporter("carsharing.memberships", privacy.export_memberships)
        gdpr.register_exporter("carsharing.bookings", privacy.export_bookings)
        gdpr.register_exporter("carsharing.damage_reports", privacy.export_damage_reports)
        gdpr.register_eraser("carsharing.members", privacy.erase_member_data)
