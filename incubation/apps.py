from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubationConfig(AppConfig):
    name = "incubation"
    verbose_name = _("Audition and incubation")
    default_auto_field = "django.db.models.BigAutoField"
