"""Every existing user's Wagtail profile speaks Indonesian unless they chose a language (issue 17).

Without a choice Wagtail used the language of whoever was acting, so a workflow email sent while an
English-speaking editor approved went out in English to Indonesian users. New users get the same default from
`adimarko.core.services.user_language_default`.
"""

from django.conf import settings
from django.db import migrations


def default_admin_language(apps, schema_editor):
    User = apps.get_model("adimarko", "User")
    UserProfile = apps.get_model("wagtailusers", "UserProfile")
    UserProfile.objects.filter(preferred_language="").update(preferred_language=settings.LANGUAGE_CODE)
    without = User.objects.filter(wagtail_userprofile__isnull=True).values_list("pk", flat=True)
    UserProfile.objects.bulk_create(
        [UserProfile(user_id=pk, preferred_language=settings.LANGUAGE_CODE) for pk in without]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("adimarko", "0004_certification_document_private"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [migrations.RunPython(default_admin_language, migrations.RunPython.noop)]
