from django.db import migrations

from adimarko.core.regions import regions_sync


def load_regions(apps, schema_editor):
    regions_sync(apps.get_model("adimarko", "Region"))


class Migration(migrations.Migration):
    dependencies = [("adimarko", "0001_initial")]
    operations = [migrations.RunPython(load_regions, migrations.RunPython.noop)]
