"""`cart_count` for the header's cart link (`includes/header.html`, registered in settings).

The ground floor's header may not import the cart, so the count reaches it by name through the template
context. It is a callable the template calls where it shows the count: a page without the header (an HTMX
fragment, an e-mail) costs nothing, and a page with it costs at most one query, none for a visitor without
a cart in the session.
"""

from functools import cache

from shop.orders.selectors import cart_unit_count
from shop.orders.views.cart import SESSION_KEY


def cart_count(request) -> dict:
    @cache
    def count() -> int:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return cart_unit_count(user=user)
        session = getattr(request, "session", None)
        return cart_unit_count(cart_id=session.get(SESSION_KEY) if session is not None else None)

    return {"cart_count": count}
