from django.apps import AppConfig


class IncubationConfig(AppConfig):
    name = "incubation"
    default_auto_field = "django.db.models.BigAutoField"
