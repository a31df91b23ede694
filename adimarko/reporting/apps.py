from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Programme reporting (the roof): reads the domain, incubation and the shop; nothing imports it."""

    name = "adimarko.reporting"
    label = "reporting"
    verbose_name = _("Programme reporting")
