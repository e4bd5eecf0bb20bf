from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RideshareConfig(AppConfig):
    name = "smartvillage.rideshare"
    label = "rideshare"
    verbose_name = _("Hitchhiking and carpooling")
