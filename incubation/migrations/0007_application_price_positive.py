"""An application's price is at least Rp 1, in the database too (issue 17).

Rows written before the validators (a typed "-5" or "0") are cleared first: a price of zero or less is no
price, so the draft asks for it again (the product step is not done and submission lists it as missing) and a
submitted application shows no price rather than a wrong one. The old figure is not kept anywhere.
"""

from django.db import migrations, models
from django.db.models import Q


def clear_prices_below_one(apps, schema_editor):
    Application = apps.get_model("incubation", "Application")
    Application.objects.filter(price__lt=1).update(price=None)


class Migration(migrations.Migration):
    dependencies = [
        ("incubation", "0006_application_number_bounds"),
    ]

    operations = [
        migrations.RunPython(clear_prices_below_one, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=1),
                name="application_price_positive",
                violation_error_message="The price must be at least Rp 1 (whole rupiah).",
            ),
        ),
    ]
