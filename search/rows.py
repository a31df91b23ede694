"""The database backend's own copy of the catalogue: one search row per public product.

A row is to the database backend what a document is to Elasticsearch (search/documents.py): the product's
words, folded and weighted (name A; category path and seller B; description, village and kecamatan C), the
facet keys (kecamatan and village codes, category, seller), and what ranking and sorting read (price, stock,
sales, rating, the static part of the boost). On PostgreSQL the words also live in a `tsvector` (`document`,
text search configuration `simple`, GIN-indexed) and the name in a trigram index (migration search/0003);
SQLite matches the same folded words with LIKE.

The rows are kept by the same path as the index: services notify `shop.seams.products_changed`, and
`search.indexing.schedule_product_sync` refreshes the rows of those products once the transaction commits;
`adimarko search-reindex` (and migration 0003) rebuild them all. Curator's picks and certificates are not
copied: the backend reads them live (a pick is a small table; validity depends on today's date).

Beside the rows: the vocabulary (`SearchWord`, every word the rows hold, marked when it is part of a name,
category or seller: the typo corrector asks it whether a word is known and compares an unknown one with the
marked words — a few thousand words instead of every row) and a generation counter
(`SearchRowsGeneration`), bumped in the transaction of every row write, which keys the backend's result cache
(search/backends/database.py), so a cached result can never outlive the rows it was computed from.

Configuration `simple` (no stemming): PostgreSQL has no Indonesian snowball stemmer, and an English one
would mangle Indonesian words. Accents are folded here in Python (NFKD without combining marks) rather than
with the `unaccent` extension, which a managed PostgreSQL may not offer; query words are folded the same way.
"""

import unicodedata
from collections.abc import Callable, Iterable

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connections, models, transaction
from django.db.models import Value
from django.utils.translation import gettext_lazy as _

from search.query import words

TEXT_CONFIG = "simple"
CHUNK_SIZE = 2000
WORD_MAX_LENGTH = 40


def fold(text: str) -> str:
    """Lower case without accents: "Kopi Café" → "kopi cafe" (Indonesian rarely needs more)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def search_text(*parts: str) -> str:
    """The words of `parts`, folded, one space apart and after a leading space, so that `' ' + word`
    matches the start of any word (SQLite's LIKE '% kopi%')."""
    found = [word for part in parts for word in words(fold(part))]
    return " " + " ".join(found) if found else ""


class ProductSearchRow(models.Model):
    """One public product as the database backend searches it (no row: not public)."""

    product = models.OneToOneField(
        "shop.Product", primary_key=True, on_delete=models.CASCADE, related_name="search_row"
    )
    name_text = models.TextField(_("name words"))  # weight A
    group_text = models.TextField(_("category and seller words"))  # weight B
    detail_text = models.TextField(_("description and place words"))  # weight C
    document = SearchVectorField(null=True)  # PostgreSQL only: the weighted words
    kecamatan = models.CharField(_("kecamatan code"), max_length=13, blank=True)
    desa = models.CharField(_("village code"), max_length=13)
    category = models.ForeignKey("shop.Category", on_delete=models.CASCADE, related_name="+")
    business = models.ForeignKey("adimarko.Business", on_delete=models.CASCADE, related_name="+")
    price = models.BigIntegerField(_("price (Rp)"))
    in_stock = models.BooleanField(_("in stock"))
    sales_count = models.PositiveIntegerField(_("units sold"))
    rating = models.FloatField(_("average rating"), null=True)
    rating_count = models.PositiveIntegerField(_("number of ratings"))
    published_at = models.DateTimeField(_("first approved"), null=True)
    boost = models.FloatField(_("boost"))  # 1 + in stock 2 + alumni 1 + rating × 0.2; curated +2 is live

    class Meta:
        verbose_name = _("product search row")
        verbose_name_plural = _("product search rows")
        indexes = [models.Index(fields=["kecamatan"], name="search_row_kecamatan")]

    def __str__(self):
        return self.name_text.strip()


class SearchWord(models.Model):
    """A word of some public product's search row: the typo corrector's vocabulary. Words are added as rows
    are written and pruned when the rows are rebuilt (so a word may outlive its products until then)."""

    word = models.CharField(_("word"), max_length=WORD_MAX_LENGTH, primary_key=True)
    in_names = models.BooleanField(_("in a name, category or seller"), default=False)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.word


class SearchRowsGeneration(models.Model):
    """One row: how many times the search rows (or the vocabulary) were written. Bumped in the writing
    transaction, so a reader that sees generation N sees the rows of N or later."""

    generation = models.BigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("search rows generation")
        verbose_name_plural = _("search rows generations")

    def __str__(self):
        return str(self.generation)


def rows_generation() -> int:
    """The current generation (0 before the first write)."""
    return SearchRowsGeneration.objects.filter(pk=1).values_list("generation", flat=True).first() or 0


def _bump_generation() -> None:
    if not SearchRowsGeneration.objects.filter(pk=1).update(generation=models.F("generation") + 1):
        SearchRowsGeneration.objects.bulk_create(
            [SearchRowsGeneration(pk=1, generation=1)], ignore_conflicts=True
        )


def _split(text: str) -> set[str]:
    found = set()
    for token in text.split():
        found.add(token)
        found.update(token.split("-"))  # "oleh-oleh" is also "oleh", as the tsvector has it
    return {word for word in found if 0 < len(word) <= WORD_MAX_LENGTH}


def vocabulary_of(row: "ProductSearchRow") -> dict[str, bool]:
    """The words a row adds to the vocabulary: {word: whether it is in the name, category or seller}."""
    named = _split(f"{row.name_text} {row.group_text}")
    return {word: word in named for word in named | _split(row.detail_text)}


def _add_words(found: dict[str, bool]) -> None:
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, in_names=named) for word, named in sorted(found.items())],
        ignore_conflicts=True,
        batch_size=1000,
    )
    named = sorted(word for word, is_named in found.items() if is_named)
    if named:  # a word first seen in a description may now be in a name
        SearchWord.objects.filter(word__in=named, in_names=False).update(in_names=True)


def merge_words(into: dict[str, bool], vocabulary: dict[str, bool]) -> dict[str, bool]:
    """`into` with the words of `vocabulary` added (in place): named if named in either."""
    for word, named in vocabulary.items():
        into[word] = into.get(word, False) or named
    return into


def boost_of(*, in_stock: bool, alumni: bool, rating) -> float:
    """The static part of the ranking boost (as the Elasticsearch function_score, without the pick)."""
    return 1.0 + (2.0 if in_stock else 0.0) + (1.0 if alumni else 0.0) + float(rating or 0) * 0.2


def row_for(product, *, category_path: list) -> ProductSearchRow:
    """A row for a product read with `search.selectors.indexable_products()`."""
    business, desa = product.business, product.origin_desa
    kecamatan = desa.parent
    return ProductSearchRow(
        product_id=product.pk,
        name_text=search_text(product.name),
        group_text=search_text(*(node.name for node in category_path), business.name),
        detail_text=search_text(product.description, desa.name, kecamatan.name if kecamatan else ""),
        kecamatan=kecamatan.code if kecamatan else "",
        desa=desa.code,
        category_id=product.category_id,
        business_id=product.business_id,
        price=int(product.price),
        in_stock=product.stock > 0,
        sales_count=product.sales_count,
        rating=float(product.rating_average) if product.rating_average is not None else None,
        rating_count=product.rating_count,
        published_at=product.published_at,
        boost=boost_of(
            in_stock=product.stock > 0, alumni=business.alumni_year is not None, rating=product.rating_average
        ),
    )


ROW_FIELDS = [
    field.attname
    for field in ProductSearchRow._meta.concrete_fields
    if field.attname not in {"product_id", "document"}
]


def document_of(row: ProductSearchRow):
    """The row's weighted `tsvector` as an expression over its own values (no column references), so the
    row is inserted with it: written once, not inserted and updated (which left a dead copy of every row)."""
    return (
        SearchVector(Value(row.name_text), config=TEXT_CONFIG, weight="A")
        + SearchVector(Value(row.group_text), config=TEXT_CONFIG, weight="B")
        + SearchVector(Value(row.detail_text), config=TEXT_CONFIG, weight="C")
    )


def _write(rows: list[ProductSearchRow]) -> None:
    if not rows:
        return
    fields = ROW_FIELDS
    if connections[ProductSearchRow.objects.db].vendor == "postgresql":
        for row in rows:
            row.document = document_of(row)
        fields = [*ROW_FIELDS, "document"]
    ProductSearchRow.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["product"], update_fields=fields, batch_size=500
    )


def _paths():
    from search.documents import category_paths
    from shop.models import Category

    return category_paths(Category.objects.all())


def product_rows_sync(*, product_ids: Iterable[int]) -> dict[str, int]:
    """Write the rows of the public products among `product_ids`; delete the others' rows. Idempotent."""
    from search.selectors import indexable_products

    ids = sorted({int(pk) for pk in product_ids})
    if not ids:
        return {"written": 0, "deleted": 0}
    paths = _paths()
    with transaction.atomic():
        public = list(indexable_products().filter(pk__in=ids))
        rows = [row_for(product, category_path=paths[product.category_id]) for product in public]
        _write(rows)
        found: dict[str, bool] = {}
        for row in rows:
            merge_words(found, vocabulary_of(row))
        _add_words(found)
        gone = sorted(set(ids) - {product.pk for product in public})
        deleted, _by_model = ProductSearchRow.objects.filter(pk__in=gone).delete()
        _bump_generation()  # last: concurrent syncs wait on this row only for the end of each other
    return {"written": len(public), "deleted": deleted}


def product_rows_rebuild(
    *, progress: Callable[[int, int], None] = lambda done, total: None, chunk_size: int = CHUNK_SIZE
) -> dict[str, int]:
    """Every public product's row afresh (one transaction: searches see the old rows until it commits)."""
    from search.selectors import indexable_products

    products = indexable_products()
    total, done = products.count(), 0
    paths = _paths()
    vocabulary: dict[str, bool] = {}
    with transaction.atomic():
        ProductSearchRow.objects.all().delete()
        chunk = []
        for product in products.iterator(chunk_size=chunk_size):
            row = row_for(product, category_path=paths[product.category_id])
            merge_words(vocabulary, vocabulary_of(row))
            chunk.append(row)
            if len(chunk) >= chunk_size:
                _write(chunk)
                done += len(chunk)
                chunk = []
                progress(done, total)
        _write(chunk)
        done += len(chunk)
        SearchWord.objects.all().delete()  # words of products gone since the last rebuild are pruned here
        _add_words(vocabulary)
        _bump_generation()
        progress(done, total)
    if connections[ProductSearchRow.objects.db].vendor == "postgresql":
        with connections[ProductSearchRow.objects.db].cursor() as cursor:
            cursor.execute(f"ANALYZE {ProductSearchRow._meta.db_table}")
            cursor.execute(f"ANALYZE {SearchWord._meta.db_table}")
    return {"written": done}
