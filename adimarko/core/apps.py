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
        from adimarko.core.roles import roles_sync_after_migrate

        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="adimarko_roles_sync")

        # Private uploads (issue 15): Wagtail documents live in STORAGES["private"]; registers the check too.
        from adimarko.core.storage import wagtail_documents_use_private_storage

        wagtail_documents_use_private_storage()
