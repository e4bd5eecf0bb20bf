from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeasonalConfig(AppConfig):
    name = "smartvillage.seasonal"
    label = "seasonal"
    verbose_name = _("Seasonal work")
    demo_command = "load_seasonal_demo"  # run by load_demo

    def ready(self) -> None:
        from smartvillage.accounts import gdpr
        from smartvillage.seasonal import privacy

        gdpr.register_exporter("seasonal.profile", privacy.export_profile)
        gdpr.register_exporter("seasonal.applications", privacy.export_applications)
        gdpr.register_exporter("seasonal.seasons", privacy.export_seasons)
        gdpr.register_exporter("seasonal.housing_requests", privacy.export_housing_requests)
        gdpr.register_exporter("seasonal.saved_searches", privacy.export_searches)
        gdpr.register_eraser("seasonal.worker", privacy.erase)
