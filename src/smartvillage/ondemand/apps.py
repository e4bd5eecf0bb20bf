from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OndemandConfig(AppConfig):
    name = "smartvillage.ondemand"
    label = "ondemand"
    verbose_name = _("On-demand transport")
