from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThirdplacesConfig(AppConfig):
    name = "smartvillage.thirdplaces"
    label = "thirdplaces"
    verbose_name = _("Third places")
