from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubationConfig(AppConfig):
    name = "incubation"
    verbose_name = _("Audition and incubation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Private uploads kept in line by the ground floor's `manage.py secure_uploads`.
        from adimarko.core.uploads import upload_kind_register
        from incubation.models import ApplicationDocument, SubmissionFile

        upload_kind_register(ApplicationDocument, "file", private=True)
        upload_kind_register(SubmissionFile, "file", private=True)
