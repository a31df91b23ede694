from django.db import migrations

# A starting weight table (grams, inside Kabupaten Blitar, elsewhere); staff edit it as a Wagtail snippet.
DEFAULT_RATES = [
    (1000, 10000, 20000),
    (2000, 14000, 32000),
    (5000, 22000, 65000),
    (10000, 35000, 120000),
]


def add_rates(apps, schema_editor):
    ShippingRate = apps.get_model("orders", "ShippingRate")
    for grams, inside, elsewhere in DEFAULT_RATES:
        ShippingRate.objects.get_or_create(
            max_weight_grams=grams, defaults={"price_in_regency": inside, "price_elsewhere": elsewhere}
        )


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [migrations.RunPython(add_rates, migrations.RunPython.noop)]
