from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from adimarko.core.models import Business, User
from shop.importing import ImportRejected, import_products


class Command(BaseCommand):
    help = (
        "Import products from a CSV or XLSX file (format: docs/marketplace.md, 'Product import and export'). "
        "Every row is checked first; a file with any bad row imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a .csv or .xlsx file")
        parser.add_argument(
            "--seller",
            help="business slug for rows whose seller column is empty (default: the seller column)",
        )
        parser.add_argument("--by", help="email of the staff member recorded as the author of the changes")

    def handle(self, *args, file, seller=None, by=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        business = None
        if seller:
            business = Business.objects.filter(slug=seller).first()
            if business is None:
                raise CommandError(f"No business with the slug {seller!r}.")
        user = User.objects.filter(email__iexact=by).first() if by else None
        bar = tqdm(
            total=0, unit="row", desc="import", file=self.stderr._out, disable=options["verbosity"] == 0
        )

        def progress(done, total):
            bar.total = total
            bar.update(done - bar.n)

        try:
            with path.open("rb") as handle:
                result = import_products(
                    file=handle,
                    filename=path.name,
                    by=user,
                    business=business,
                    allow_seller_column=True,  # the command is run by operators on the server
                    allow_image_paths=True,
                    base_dir=path.parent,
                    progress=progress,
                )
        except ImportRejected as exc:
            bar.close()
            for problem in exc.problems:
                self.stderr.write(f"baris {problem.row}\t{problem.column or '-'}\t{problem.message}")
            raise CommandError(f"Nothing imported: {len(exc.problems)} problem(s) in {path.name}.") from None
        bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name}: {result.created} created, {result.updated} updated, "
                f"{result.photos} photo(s) added."
            )
        )
