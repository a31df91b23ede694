"""Marketplace figures: the counted sales of a filter, alumni against other sellers, per year."""

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db import connection
from django.db.models import BooleanField, Case, Count, F, Max, Min, Q, Sum, Value, When
from django.db.models.functions import ExtractYear

from adimarko.core.models import Business
from adimarko.core.numbers import round_percent
from adimarko.reporting.selectors.figures import SalesFigures
from adimarko.reporting.selectors.filters import ImpactFilter
from incubation.models import Enrollment
from shop.orders.models import OrderLine, SellerOrder


@dataclass
class YearSales:
    year: int
    alumni: SalesFigures
    others: SalesFigures


@dataclass
class SalesComparison:
    alumni: SalesFigures
    others: SalesFigures
    overall: SalesFigures
    by_year: list[YearSales]

    @property
    def alumni_revenue_percent(self) -> int | None:
        return round_percent(self.alumni.revenue, self.overall.revenue)


class CountedSales:
    """The counted sales of a filter and the grouped figures every page needs.

    `summary` reads them in one query: the counted sales (seller orders, or the lines of a sector) as a common
    table, then orders and revenue per (year, kecamatan, alumni, in regency) and buyers per roll-up, each a
    small GROUP BY in the database. The common table is Django's own SQL for the queryset, so the query runs
    on PostgreSQL and SQLite alike.

    A buyer is a repeat buyer of a roll-up when its checkouts there are not all one: the smallest and the
    largest checkout id differ (a single checkout split between two sellers is not a repeat). That needs no
    DISTINCT, which keeps the query cheap.
    """

    # Roll-ups of buyers the pages need: () is all sales.
    ROLLUPS = ((), ("alumni",), ("alumni", "sale_year"), ("alumni", "kecamatan"))

    def __init__(self, filters: ImpactFilter, *, business: Business | None = None):
        self.filters = filters
        if filters.sector:
            # Only the lines of that sector count; a seller order with several of them is one order.
            prefix = "seller_order__"
            sales = OrderLine.objects.filter(
                seller_order__in=SellerOrder.objects.counted(), product__category__sector=filters.sector
            ).annotate(seller_order_ref=F("seller_order_id"), value=F("unit_price") * F("quantity"))
            self._orders = Count("seller_order_id", distinct=True)
            self._revenue = Sum(F("unit_price") * F("quantity"))
        else:
            # A seller order's subtotal is the goods value of its lines (price × quantity, shipping apart).
            prefix = ""
            sales = SellerOrder.objects.counted().annotate(seller_order_ref=F("pk"), value=F("subtotal"))
            self._orders = Count("pk")
            self._revenue = Sum("subtotal")
        self._prefix = prefix
        year = ExtractYear(f"{prefix}paid_at")
        alumni_year = f"{prefix}business__alumni_year"
        sales = sales.filter(filters.paid_in_period(prefix))
        if business is not None:
            sales = sales.filter(**{f"{prefix}business": business})
        sales = sales.annotate(
            sale_year=year,
            alumni=Case(
                When(Q(**{f"{alumni_year}__isnull": False, f"{alumni_year}__lte": year}), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            seller=F(f"{prefix}business_id"),
            checkout=F(f"{prefix}order_id"),
            kecamatan=F(f"{prefix}business__desa__parent_id"),
            buyer=F(f"{prefix}order__buyer_id"),
            in_regency=F(f"{prefix}order__in_regency"),
        ).order_by()
        if filters.round_id is not None:
            # The alumni group narrows to the round's graduates; other alumni are left out of both groups.
            graduates = Enrollment.objects.filter(
                cohort__round_id=filters.round_id, status=Enrollment.Status.GRADUATED
            ).values("business_id")
            sales = sales.exclude(Q(alumni=True) & ~Q(seller__in=graduates))
        self.sales = sales

    @cached_property
    def summary(self) -> tuple[list[dict], dict[tuple[str, ...], dict[tuple, tuple[int, int]]]]:
        """(cells, buyers): cells are orders and revenue per (year, kecamatan, alumni, in regency); buyers
        maps each of `ROLLUPS` to {key: (buyers, repeat buyers)}."""
        base = self.sales.values_list(
            "sale_year", "kecamatan", "alumni", "in_regency", "buyer", "checkout", "seller_order_ref", "value"
        )
        sql, params = base.query.sql_with_params()
        orders = "COUNT(DISTINCT seller_order_ref)" if self.filters.sector else "COUNT(*)"
        parts = [
            f"SELECT 0, sale_year, kecamatan, alumni, in_regency, {orders}, SUM(value) FROM sales "
            "GROUP BY sale_year, kecamatan, alumni, in_regency"
        ]
        for number, dimensions in enumerate(self.ROLLUPS, start=1):
            columns = ", ".join(dimensions)
            selected = [d if d in dimensions else "NULL" for d in ("sale_year", "kecamatan", "alumni")]
            parts.append(
                f"SELECT {number}, {', '.join(selected)}, NULL, COUNT(*), "
                "SUM(CASE WHEN first_checkout <> last_checkout THEN 1 ELSE 0 END) FROM ("
                f"SELECT {columns + ', ' if columns else ''}buyer, MIN(checkout) AS first_checkout, "
                f"MAX(checkout) AS last_checkout FROM sales GROUP BY {columns + ', ' if columns else ''}buyer"
                f") AS per_buyer{' GROUP BY ' + columns if columns else ''}"
            )
        query = f"WITH sales AS ({sql}) " + " UNION ALL ".join(parts)
        cells: list[dict] = []
        buyers: dict[tuple[str, ...], dict[tuple, tuple[int, int]]] = {d: {} for d in self.ROLLUPS}
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            for number, year, kecamatan, alumni, in_regency, count, total in cursor.fetchall():
                year = int(year) if year is not None else None
                alumni = bool(alumni) if alumni is not None else None
                if number == 0:
                    cells.append(
                        {
                            "sale_year": year,
                            "kecamatan": kecamatan,
                            "alumni": alumni,
                            "in_regency": bool(in_regency),
                            "orders": count,
                            "revenue": int(total or 0),
                        }
                    )
                    continue
                dimensions = self.ROLLUPS[number - 1]
                values = {"sale_year": year, "kecamatan": kecamatan, "alumni": alumni}
                if count:  # a roll-up of no sales at all still answers one row of zeros
                    buyers[dimensions][tuple(values[d] for d in dimensions)] = (count, int(total or 0))
        return cells, buyers

    @property
    def cells(self) -> list[dict]:
        return self.summary[0]

    def buyers(self, *dimensions: str) -> dict[tuple, tuple[int, int]]:
        """(buyers, repeat buyers) per combination of the dimensions (sale_year, kecamatan, alumni)."""
        if dimensions in self.ROLLUPS:
            return self.summary[1][dimensions]
        rows = self.sales.values(*dimensions, "buyer").annotate(first=Min("checkout"), last=Max("checkout"))
        result: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
        for row in rows:
            counts = result[tuple(row[d] for d in dimensions)]
            counts[0] += 1
            if row["first"] != row["last"]:
                counts[1] += 1
        return {key: (buyers, repeat) for key, (buyers, repeat) in result.items()}

    def totals(self, **conditions) -> dict:
        """Orders, revenue and distinct sellers of the sales matching the conditions, in one query."""
        return self.sales.filter(**conditions).aggregate(
            orders=self._orders, revenue=self._revenue, sellers=Count("seller", distinct=True)
        )

    @cached_property
    def years(self) -> list[int]:
        return sorted({cell["sale_year"] for cell in self.cells})

    def figures(self, predicate, buyers: tuple[int, int] = (0, 0)) -> SalesFigures:
        selected = [cell for cell in self.cells if predicate(cell)]
        return SalesFigures(
            orders=sum(cell["orders"] for cell in selected),
            revenue=sum(cell["revenue"] for cell in selected),
            buyers=buyers[0],
            repeat_buyers=buyers[1],
        )

    def comparison(self) -> SalesComparison:
        by_group = self.buyers("alumni")
        by_group_year = self.buyers("alumni", "sale_year")
        overall = self.buyers().get((), (0, 0))
        return SalesComparison(
            alumni=self.figures(lambda c: c["alumni"], by_group.get((True,), (0, 0))),
            others=self.figures(lambda c: not c["alumni"], by_group.get((False,), (0, 0))),
            overall=self.figures(lambda c: True, overall),
            by_year=[
                YearSales(
                    year=year,
                    alumni=self.figures(
                        lambda c, y=year: c["alumni"] and c["sale_year"] == y,
                        by_group_year.get((True, year), (0, 0)),
                    ),
                    others=self.figures(
                        lambda c, y=year: not c["alumni"] and c["sale_year"] == y,
                        by_group_year.get((False, year), (0, 0)),
                    ),
                )
                for year in self.years
            ],
        )


def sales_comparison(*, filters: ImpactFilter) -> SalesComparison:
    """Orders, revenue, average order, buyers and repeat buyers of alumni against other sellers."""
    return CountedSales(filters).comparison()
