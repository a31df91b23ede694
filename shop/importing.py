"""Bulk import and export of products as CSV or XLSX (format: docs/marketplace.md, import and export).

An import checks every row first and reports every problem (row, column, message in Indonesian); a file with
any bad row imports nothing: all rows are written in one transaction, and a row the services refuse rolls the
whole file back. Rows are matched to existing products by (seller, sku): existing ones are updated, new ones
created and sent to curation.

The stock column is what the seller has on hand (docs/stock.md), units held for unshipped orders included: the
export writes `Product.on_hand` and the import sets it through the product services, under the product's row
lock, so buyers' reservations stay held; a figure below what is held refuses the row.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from adimarko.core import exports
from adimarko.core import services as adimarko_services
from adimarko.core.certifications import parse_certifications
from adimarko.core.models import Business, Certification, Region
from adimarko.core.validators import inspect_image
from shop import services
from shop.models import Category, Product

COLUMNS = (
    "seller",
    "sku",
    "name",
    "description",
    "category",
    "price_idr",
    "stock",
    "weight_grams",
    "kecamatan",
    "desa",
    "certifications",
    "image",
)
REQUIRED = ("sku", "name", "category", "price_idr", "weight_grams", "kecamatan", "desa")
# Which column a service's field error belongs to.
FIELD_COLUMNS = {
    "sku": "sku",
    "name": "name",
    "description": "description",
    "category": "category",
    "price": "price_idr",
    "stock": "stock",
    "weight_grams": "weight_grams",
    "origin_desa": "desa",
    "certifications": "certifications",
    "image": "image",
    "alt_text": "image",
    # certification_add's fields
    "kind": "certifications",
    "number": "certifications",
    "expires_on": "certifications",
}
MAX_ROWS = 5000
DELIMITERS = (",", ";", "\t")
MULTI_LINE_COLUMNS = ("description",)
LINE_BREAK_RE = re.compile("\r\n|[\t\r\n]")
# The digits 0-9 only (str.isdigit() also takes "٣" and "３"), dots only between groups of three: 45.000.
WHOLE_NUMBER_RE = re.compile(r"-?(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)")


@dataclass(frozen=True)
class Problem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    photos: int = 0


@dataclass
class _Plan:
    row: int
    business: Business
    sku: str
    fields: dict
    certifications: list[tuple[str, str, date | None]] = field(default_factory=list)
    image: Path | None = None


# --- Reading -------------------------------------------------------------------------------------------
def _cell(value) -> str:
    """A cell as text: control characters (NUL included) removed, surrounding whitespace trimmed as the forms
    do, and the apostrophe our export puts before a formula-like text taken off again."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return exports.restore(exports.clean_text(str(value)).strip()).strip()


def _delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most known column names: our export writes ',',
    a spreadsheet saving CSV in an Indonesian locale writes ';', a tab-separated file may come too. The rest
    of the dialect is Excel's (double quotes, a `"` in a field doubled), which all of them write."""
    header = text.split("\n", 1)[0]

    def known(delimiter):
        return sum(name.strip().strip('"').strip().lower() in COLUMNS for name in header.split(delimiter))

    return max(DELIMITERS, key=known)  # ties (no known name at all) go to the first, ','


def read_rows(*, file, filename: str) -> list[tuple[int, dict[str, str]]]:
    """Rows as (row number, {column: text}); raises ImportRejected for an unreadable file or bad header."""
    suffix = Path(filename or "").suffix.lower()
    file.seek(0)
    try:
        if suffix == ".xlsx":
            from openpyxl import load_workbook

            workbook = load_workbook(file, read_only=True, data_only=True)
            raw = [[_cell(v) for v in row] for row in workbook.active.iter_rows(values_only=True)]
            workbook.close()
        elif suffix == ".csv":
            text = file.read()
            if isinstance(text, bytes):
                text = text.decode("utf-8-sig")
            reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=_delimiter(text))
            raw = [[_cell(v) for v in row] for row in reader]
        else:
            raise ImportRejected([Problem(0, "", _("Upload a .csv or .xlsx file."))])
    except ImportRejected:
        raise
    except (UnicodeDecodeError, csv.Error):
        raise ImportRejected(
            [Problem(0, "", _("The CSV file cannot be read: save it as UTF-8 CSV."))]
        ) from None
    except Exception:  # openpyxl raises many kinds of errors for files that are not workbooks
        raise ImportRejected([Problem(0, "", _("The XLSX file cannot be read."))]) from None
    if not raw:
        raise ImportRejected([Problem(1, "", _("The file is empty."))])
    header = [name.strip().lower() for name in raw[0]]
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name and name not in COLUMNS]
    problems = [Problem(1, name, _("This required column is missing.")) for name in missing]
    problems += [Problem(1, name, _("Unknown column.")) for name in unknown]
    if problems:
        raise ImportRejected(problems)
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        if not any(values):
            continue
        row = {name: (values[i] if i < len(values) else "") for i, name in enumerate(header) if name}
        for name in row.keys() - set(MULTI_LINE_COLUMNS):  # a tab or line break in a name: a space
            row[name] = LINE_BREAK_RE.sub(" ", row[name])
        rows.append((number, row))
    if len(rows) > MAX_ROWS:
        raise ImportRejected([Problem(0, "", _("At most %(count)s rows per file.") % {"count": MAX_ROWS})])
    return rows


# --- Checking ------------------------------------------------------------------------------------------
def _whole_number(text: str) -> int | None:
    """'45000', '45.000', 'Rp 45.000' → 45000; anything with a fraction or letters → None."""
    cleaned = text.replace("Rp", "").replace("rp", "").replace(" ", "")
    return int(cleaned.replace(".", "")) if WHOLE_NUMBER_RE.fullmatch(cleaned) else None


class _Lookups:
    def __init__(self):
        self.categories = {}
        for category in Category.objects.all():
            self.categories[category.slug.lower()] = category
            self.categories[category.name.lower()] = category
        self.kecamatan = {}
        self.desa: dict[tuple[str, str], Region] = {}
        for region in Region.objects.all():
            if region.level == Region.Level.KECAMATAN:
                self.kecamatan[region.code] = region
                self.kecamatan[region.name.lower()] = region
            else:
                self.desa[(region.parent_id, region.code)] = region
                self.desa[(region.parent_id, region.name.lower())] = region
        self.businesses: dict[str, Business | None] = {}
        self.certifications: dict[int, frozenset[tuple[str, str]]] = {}

    def business(self, slug: str) -> Business | None:
        if slug not in self.businesses:
            self.businesses[slug] = Business.objects.filter(slug=slug).first()
        return self.businesses[slug]

    def known_certifications(self, business: Business | None) -> frozenset[tuple[str, str]]:
        """(kind, number) of the certificates the business holds: an export's own cells import again."""
        if business is None:
            return frozenset()
        if business.pk not in self.certifications:
            self.certifications[business.pk] = frozenset(
                business.certifications.values_list("kind", "number")
            )
        return self.certifications[business.pk]


def _parse_certifications(text: str, *, known) -> tuple[list[tuple[str, str, date | None]], str | None]:
    """The cell's certifications in their normal form (adimarko/core/certifications.py: the spellings sellers
    use, e.g. `BPOM RI MD 224015001234`, `P-IRT No. 2063505010123-27`), or the reason it is refused."""
    try:
        found = parse_certifications(text, known=known)
    except ValidationError as exc:
        return [], " ".join(exc.messages)
    return [(cert.kind, cert.number, cert.expires_on) for cert in found], None


def _check_row(
    number: int,
    row: dict[str, str],
    *,
    lookups: _Lookups,
    business: Business | None,
    allow_seller_column: bool,
    allow_image_paths: bool,
    base_dir: Path | None,
) -> tuple[_Plan | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(column, message):
        problems.append(Problem(number, column, message))

    seller = row.get("seller", "")
    target = business
    if seller and (business is None or seller != business.slug):
        if not allow_seller_column:
            problem("seller", _("Only Disperindag staff may import products for other businesses."))
        else:
            target = lookups.business(seller)
            if target is None:
                problem("seller", _("No business with the slug %(slug)s.") % {"slug": seller})
    elif target is None:
        problem("seller", _("Fill in the seller (business slug)."))

    for name in REQUIRED:
        if not row.get(name):
            problem(name, _("This value is required."))
    sku, name = row.get("sku", ""), row.get("name", "")
    if len(sku) > 40:
        problem("sku", _("At most 40 characters."))
    if len(name) > 120:
        problem("name", _("At most 120 characters."))

    category = None
    if row.get("category"):
        category = lookups.categories.get(row["category"].lower())
        if category is None:
            problem("category", _("Unknown category %(value)s.") % {"value": row["category"]})

    numbers = {}
    for column, minimum, message in (
        ("price_idr", 1, _("The price must be a whole number of rupiah, at least 1 (e.g. 45000).")),
        ("weight_grams", 1, _("The weight must be a whole number of grams, at least 1.")),
        ("stock", 0, _("The stock must be a whole number, 0 or more.")),
    ):
        text = row.get(column, "")
        if not text:
            numbers[column] = 0 if column == "stock" else None
            continue
        value = _whole_number(text)
        if value is None or value < minimum:
            problem(column, message)
        numbers[column] = value

    desa = None
    kecamatan_text = row.get("kecamatan", "")
    if kecamatan_text:
        kecamatan = lookups.kecamatan.get(kecamatan_text) or lookups.kecamatan.get(kecamatan_text.lower())
        if kecamatan is None:
            problem(
                "kecamatan", _("Unknown kecamatan %(value)s in Kabupaten Blitar.") % {"value": kecamatan_text}
            )
        elif row.get("desa"):
            desa = lookups.desa.get((kecamatan.code, row["desa"])) or lookups.desa.get(
                (kecamatan.code, row["desa"].lower())
            )
            if desa is None:
                problem(
                    "desa",
                    _("No desa %(desa)s in Kecamatan %(kecamatan)s.")
                    % {"desa": row["desa"], "kecamatan": kecamatan.name},
                )

    certifications, cert_error = _parse_certifications(
        row.get("certifications", ""), known=lookups.known_certifications(target)
    )
    if cert_error:
        problem("certifications", cert_error)

    image = None
    if row.get("image"):
        if not allow_image_paths:
            problem(
                "image",
                _("Image paths can only be imported with the import-products command; add photos here."),
            )
        else:
            image = Path(row["image"])
            if not image.is_absolute() and base_dir is not None:
                image = base_dir / image
            if not image.is_file():
                problem("image", _("Image file not found: %(path)s") % {"path": row["image"]})
            else:
                with image.open("rb") as handle:
                    try:
                        inspect_image(File(handle, name=image.name))
                    except ValidationError as exc:
                        problem("image", " ".join(exc.messages))

    if problems:
        return None, problems
    plan = _Plan(
        row=number,
        business=target,
        sku=sku,
        fields={
            "sku": sku,
            "name": name,
            "description": row.get("description", ""),
            "category": category,
            "price": numbers["price_idr"],
            "on_hand": numbers["stock"],
            "weight_grams": numbers["weight_grams"],
            "origin_desa": desa,
        },
        certifications=certifications,
        image=image,
    )
    return plan, []


# --- Writing -------------------------------------------------------------------------------------------
def _certifications_for(plan: _Plan) -> list[Certification]:
    found = []
    for kind, number, expires in plan.certifications:
        cert = Certification.objects.filter(business=plan.business, kind=kind, number=number).first()
        if cert is None:
            cert = adimarko_services.certification_add(
                business=plan.business, kind=kind, number=number, expires_on=expires
            )
        found.append(cert)
    return found


def _problems_from(exc: ValidationError, row: int) -> list[Problem]:
    if hasattr(exc, "error_dict"):
        return [
            Problem(row, FIELD_COLUMNS.get(name, ""), " ".join(messages))
            for name, messages in exc.message_dict.items()
        ]
    return [Problem(row, "", " ".join(exc.messages))]


def import_products(
    *,
    file,
    filename: str,
    by,
    business: Business | None = None,
    allow_seller_column: bool = False,
    allow_image_paths: bool = False,
    base_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check then import every row, in one transaction. Raises ImportRejected with every problem found."""
    rows = read_rows(file=file, filename=filename)
    lookups = _Lookups()
    plans, problems, seen = [], [], {}
    for number, row in rows:
        plan, row_problems = _check_row(
            number,
            row,
            lookups=lookups,
            business=business,
            allow_seller_column=allow_seller_column,
            allow_image_paths=allow_image_paths,
            base_dir=base_dir,
        )
        problems += row_problems
        if plan:
            key = (plan.business.pk, plan.sku)
            if key in seen:
                problems.append(
                    Problem(
                        number,
                        "sku",
                        _("SKU %(sku)s already appears in row %(row)s.")
                        % {"sku": plan.sku, "row": seen[key]},
                    )
                )
            seen[key] = number
            plans.append(plan)
    if problems:
        raise ImportRejected(problems)

    result = ImportResult()
    with transaction.atomic():
        for done, plan in enumerate(plans, start=1):
            try:
                with transaction.atomic():  # a savepoint: keep checking the other rows after a refusal
                    _write(plan, by=by, result=result)
            except ValidationError as exc:
                problems += _problems_from(exc, plan.row)
            if progress:
                progress(done, len(plans))
        if problems:
            raise ImportRejected(problems)  # leaving the block rolls back every row
    return result


def _write(plan: _Plan, *, by, result: ImportResult) -> None:
    certifications = _certifications_for(plan)
    product = Product.objects.filter(business=plan.business, sku=plan.sku).first()
    if product is None:
        product = services.product_create(
            business=plan.business, by=by, certifications=certifications, submit=True, **plan.fields
        )
        result.created += 1
    else:
        product = services.product_update(
            product=product,
            by=by,
            certifications=certifications,
            pack_group=product.pack_group,
            pack_label=product.pack_label,
            **plan.fields,
        )
        result.updated += 1
    if plan.image and not product.photos.exists():
        with plan.image.open("rb") as handle:
            services.product_photo_add(
                product=product, by=by, file=File(handle, name=plan.image.name), alt_text=product.name
            )
        result.photos += 1


# --- Export --------------------------------------------------------------------------------------------
def export_rows(products) -> list[list]:
    rows = []
    for product in products.select_related("business", "category", "origin_desa__parent"):
        certs = ";".join(
            f"{cert.kind}:{cert.number}" + (f":{cert.expires_on.isoformat()}" if cert.expires_on else "")
            for cert in product.certifications.all()
        )
        rows.append(
            [
                product.business.slug,
                product.sku,
                product.name,
                product.description,
                product.category.slug,
                product.price,
                product.on_hand,
                product.weight_grams,
                product.origin_desa.parent.name,
                product.origin_desa.name,
                certs,
                "",
            ]
        )
    return rows


def export_products(*, products, fmt: str) -> tuple[bytes, str]:
    """The products in the import format, written by adimarko.core.exports (formulas neutralised, control
    characters removed); CSV with a byte order mark for Excel."""
    rows = [list(COLUMNS), *export_rows(products)]
    if fmt == "xlsx":
        return exports.xlsx_bytes(rows, title="produk"), exports.XLSX_CONTENT_TYPE
    return exports.csv_bytes(rows, excel=True), exports.CSV_CONTENT_TYPE
