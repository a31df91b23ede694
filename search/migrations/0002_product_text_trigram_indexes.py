"""Trigram indexes for the database search fallback on PostgreSQL (nothing on SQLite).

The database backend matches a product's own name and description with one case-insensitive regular
expression per column (`name::text ~* 'kopi|kupi'`); pg_trgm GIN indexes answer those without reading every
row. The indexes sit on shop_product but belong to search: this migration creates and drops them.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "search_product_name_trgm": "(name::text) gin_trgm_ops",
    "search_product_description_trgm": "(description::text) gin_trgm_ops",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON shop_product USING gin ({expression})")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("shop", "0003_category_tree"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
