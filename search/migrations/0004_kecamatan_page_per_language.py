"""A kecamatan's regional page may have a translation (/en/wilayah/<kecamatan>/): the region is a foreign key,
one page per kecamatan and language (KecamatanPage.clean)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_product_search_rows"),
    ]

    operations = [
        migrations.AlterField(
            model_name="kecamatanpage",
            name="region",
            field=models.ForeignKey(
                limit_choices_to={"level": 3},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="branding_pages",
                to="adimarko.region",
                verbose_name="kecamatan",
            ),
        ),
    ]
