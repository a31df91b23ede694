"""Reviews by buyers whose order was delivered: one per product and buyer."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from shop.models import Product
from shop.orders.models import OrderLine, Review, SellerOrder
from shop.seams import products_changed

REVIEWABLE = (SellerOrder.Status.DELIVERED, SellerOrder.Status.COMPLETED)


@transaction.atomic
def review_create(*, buyer, order_line: OrderLine, rating: int, text: str = "") -> Review:
    order_line = OrderLine.objects.select_related("seller_order__order").get(pk=order_line.pk)
    seller_order = order_line.seller_order
    if seller_order.order.buyer_id != buyer.pk:
        raise ValidationError(_("You can only review products you bought."))
    if seller_order.status not in REVIEWABLE:
        raise ValidationError(_("You can review this product once it has been delivered."))
    review = Review(
        product_id=order_line.product_id, buyer=buyer, order_line=order_line, rating=rating, text=text.strip()
    )
    review.full_clean()
    review.save()
    # Lock the product, then recompute from the reviews: concurrent reviews cannot lose a count.
    product = Product.objects.select_for_update().get(pk=order_line.product_id)
    figures = Review.objects.filter(product=product).aggregate(average=Avg("rating"), count=Count("pk"))
    product.rating_average = Decimal(figures["average"]).quantize(Decimal("0.01"))
    product.rating_count = figures["count"]
    product.save(update_fields=["rating_average", "rating_count"])
    products_changed.notify(product_ids=[product.pk])
    return review
