"""Storefronts know when they last changed (the sitemap's lastmod); existing ones start at their last decision
or opening."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import Coalesce


def backfill(apps, schema_editor):
    Storefront = apps.get_model("shop", "Storefront")
    Storefront.objects.update(updated_at=Coalesce("reviewed_at", "created_at"))


class Migration(migrations.Migration):
    dependencies = [("shop", "0006_input_bounds")]

    operations = [
        migrations.AddField(
            model_name="storefront",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
