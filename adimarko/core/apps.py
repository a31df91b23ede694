from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AdimarkoConfig(AppConfig):
    name = "adimarko.core"
    label = "adimarko"  # tables, migrations and permissions keep the label they were created with
    verbose_name = _("Adi Marko")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Role groups need the Permission rows that Django itself creates on post_migrate, so they are
        # synchronised at the same moment (like django.contrib.auth's create_permissions).
        from adimarko.core.services import roles_sync_after_migrate

        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="adimarko_roles_sync")

        # Private uploads (issue 15): Wagtail documents live in STORAGES["private"]; registers the check too.
        from adimarko.core.storage import wagtail_documents_use_private_storage

        wagtail_documents_use_private_storage()

        # The ground floor's own uploads, for `manage.py secure_uploads` (features register theirs).
        from wagtail.documents import get_document_model

        from adimarko.core.models import Business, Certification
        from adimarko.core.uploads import upload_kind_register

        upload_kind_register(Business, "logo", private=False)
        upload_kind_register(Certification, "document", private=True)
        upload_kind_register(get_document_model(), "file", private=True, keep_name=True)
