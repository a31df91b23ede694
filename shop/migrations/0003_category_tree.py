"""The marketplace category tree (Indonesian names with English display names). Idempotent by slug."""

from django.db import migrations

# (slug, name, English name, children)
TREE = (
    (
        "makanan",
        "Makanan",
        "Food",
        (
            ("keripik", "Keripik & Camilan", "Chips & snacks"),
            ("kerupuk", "Kerupuk & Rengginang", "Crackers"),
            ("sambal", "Sambal & Bumbu", "Sambal & spices"),
            ("gula", "Gula Kelapa & Gula Merah", "Coconut & palm sugar"),
            ("madu", "Madu", "Honey"),
            ("manisan", "Manisan & Dodol", "Sweets & dodol"),
        ),
    ),
    (
        "minuman",
        "Minuman",
        "Drinks",
        (
            ("kopi", "Kopi", "Coffee"),
            ("jamu", "Jamu & Herbal", "Jamu & herbal drinks"),
        ),
    ),
    (
        "kerajinan",
        "Kerajinan",
        "Crafts",
        (
            ("anyaman", "Anyaman", "Woven goods"),
            ("kerajinan-kayu", "Kerajinan Kayu", "Woodcraft"),
            ("gerabah", "Gerabah", "Pottery"),
        ),
    ),
    (
        "kain",
        "Kain & Busana",
        "Textiles & fashion",
        (
            ("batik", "Batik", "Batik"),
            ("tenun", "Tenun", "Woven cloth"),
        ),
    ),
)


def create_tree(apps, schema_editor):
    Category = apps.get_model("shop", "Category")
    for position, (slug, name, name_en, children) in enumerate(TREE):
        parent, _created = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position, "parent": None}
        )
        for child_position, (child_slug, child_name, child_name_en) in enumerate(children):
            Category.objects.update_or_create(
                slug=child_slug,
                defaults={
                    "name": child_name,
                    "name_en": child_name_en,
                    "position": child_position,
                    "parent": parent,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_catalogue")]

    operations = [migrations.RunPython(create_tree, migrations.RunPython.noop)]
