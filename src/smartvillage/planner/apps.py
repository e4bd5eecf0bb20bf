from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlannerConfig(AppConfig):
    name = "smartvillage.planner"
    label = "planner"
    verbose_name = _("Journey planner")
    demo_command = "load_planner_demo"  # run by load_demo
