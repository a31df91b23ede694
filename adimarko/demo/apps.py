from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo orchestrator (the roof): calls each app's own demo builder in dependency order."""

    name = "adimarko.demo"
    label = "demo"
    verbose_name = _("Demo data")
