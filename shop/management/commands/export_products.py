from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from adimarko.core.models import Business
from shop.importing import export_products
from shop.models import Product


class Command(BaseCommand):
    help = "Export products to CSV or XLSX in the import format (the file's suffix chooses the format)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the .csv or .xlsx file to write")
        parser.add_argument("--seller", help="only this business (slug)")
        parser.add_argument("--archived", action="store_true", help="include archived products")

    def handle(self, *args, file, seller=None, archived=False, **options):
        path = Path(file)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise CommandError("The file name must end in .csv or .xlsx.")
        products = Product.objects.all()
        if not archived:
            products = products.active()
        if seller:
            business = Business.objects.filter(slug=seller).first()
            if business is None:
                raise CommandError(f"No business with the slug {seller!r}.")
            products = products.filter(business=business)
        products = products.order_by("business__slug", "sku").prefetch_related("certifications")
        content, _content_type = export_products(products=products, fmt=fmt)
        path.write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Exported {products.count()} product(s) to {path}."))
