"""Cart writes. Quantities are bounded by the stock on sale now; checkout checks again under lock."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shop.models import Product
from shop.orders.models import Cart, CartItem

# Units of one product per order (docs/security/input-and-visibility.md); the stock bounds it further.
CART_LINE_MAX = 999


def _check_quantity(*, product: Product, quantity: int) -> None:
    if not product.is_public:
        raise ValidationError({"quantity": _("This product is not on sale.")})
    if quantity < 1:
        raise ValidationError({"quantity": _("Enter a quantity of at least 1.")})
    if quantity > CART_LINE_MAX:
        raise ValidationError(
            {"quantity": _("At most %(limit)s units of one product per order.") % {"limit": CART_LINE_MAX}}
        )
    if quantity > product.stock:
        if product.stock == 0:
            raise ValidationError({"quantity": _("%(name)s is out of stock.") % {"name": product.name}})
        raise ValidationError(
            {
                "quantity": ngettext(
                    "Only %(count)d unit of %(name)s is in stock.",
                    "Only %(count)d units of %(name)s are in stock.",
                    product.stock,
                )
                % {"count": product.stock, "name": product.name}
            }
        )


@transaction.atomic
def cart_for_user(*, user) -> Cart:
    cart, _created = Cart.objects.get_or_create(user=user)
    return cart


@transaction.atomic
def cart_item_add(*, cart: Cart, product: Product, quantity: int) -> CartItem:
    """Add units of a product; the total in the cart may not pass the stock."""
    item = CartItem.objects.select_for_update().filter(cart=cart, product=product).first()
    total = quantity + (item.quantity if item else 0)
    if quantity < 1:
        raise ValidationError({"quantity": _("Enter a quantity of at least 1.")})
    _check_quantity(product=product, quantity=total)
    if item is None:
        item = CartItem(cart=cart, product=product, quantity=total)
    item.quantity = total
    item.full_clean()
    item.save()
    cart.save(update_fields=["updated_at"])
    return item


@transaction.atomic
def cart_item_set(*, cart: Cart, product: Product, quantity: int) -> CartItem | None:
    """Set the quantity of a product in the cart; 0 removes it."""
    if quantity == 0:
        cart_item_remove(cart=cart, product=product)
        return None
    _check_quantity(product=product, quantity=quantity)
    item, _created = CartItem.objects.get_or_create(
        cart=cart, product=product, defaults={"quantity": quantity}
    )
    item.quantity = quantity
    item.full_clean()
    item.save(update_fields=["quantity"])
    return item


@transaction.atomic
def cart_item_remove(*, cart: Cart, product: Product) -> bool:
    """Take a product out of the cart; True if it was there. Removing a line already gone changes nothing
    (a second click, a second tab), so it is not an error."""
    deleted, _by_model = CartItem.objects.filter(cart=cart, product=product).delete()
    if deleted:
        cart.save(update_fields=["updated_at"])
    return bool(deleted)


@transaction.atomic
def cart_merge(*, source: Cart, target: Cart) -> Cart:
    """Move an anonymous cart into a signed-in buyer's cart on login; quantities add up to the stock."""
    if source.pk == target.pk:
        return target
    for item in source.items.select_related("product"):
        existing = target.items.filter(product=item.product).first()
        wanted = item.quantity + (existing.quantity if existing else 0)
        quantity = min(wanted, item.product.stock, CART_LINE_MAX)
        if not item.product.is_public or quantity < 1:
            continue
        CartItem.objects.update_or_create(cart=target, product=item.product, defaults={"quantity": quantity})
    source.delete()
    return target
