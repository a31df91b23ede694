"""The key pages of every type, found in the built demo, for the Content-Security-Policy tests: who visits
them (a demo login's email, or None for an anonymous visitor) and where."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class KeyPage:
    name: str
    path: str
    email: str | None = None


BUYER = "pembeli@adimarko.test"
SELLER = "penjual@adimarko.test"
TRAINER = "pelatih@adimarko.test"
STAFF = "staf@adimarko.test"


def key_pages() -> list[KeyPage]:
    from incubation.models import Application, Cohort, LessonPage
    from shop.models import Product
    from shop.orders.models import Order

    product = Product.objects.public().select_related("business").order_by("pk").first()
    qris = Order.objects.filter(payment_method="qris", status="pending_payment").select_related("buyer")[0]
    application = Application.objects.filter(business__memberships__user__email=SELLER).first()
    cohort = Cohort.objects.order_by("pk").first()
    lesson = LessonPage.objects.live().order_by("path").first()
    assert product and qris and application and cohort and lesson, "the demo lacks a key page"
    return [
        KeyPage("home", "/"),
        KeyPage("news", "/berita/"),
        KeyPage("contact", "/kontak/"),
        KeyPage("product listing", reverse("product_list")),
        KeyPage("product", reverse("product_detail", args=[product.slug])),
        KeyPage("storefront", reverse("storefront_detail", args=[product.business.slug])),
        KeyPage("business", reverse("business_public", args=[product.business.slug])),
        KeyPage("search", "/cari/?q=kopi"),
        KeyPage("login", reverse("account_login")),
        KeyPage("certificate lookup", reverse("certificate_lookup")),
        KeyPage("API docs", "/api/v1/docs"),
        KeyPage("cart", reverse("orders:cart"), BUYER),
        KeyPage("checkout", reverse("orders:checkout"), BUYER),
        KeyPage("order with QRIS", reverse("orders:order_detail", args=[qris.reference]), qris.buyer.email),
        KeyPage("audition (applicant)", reverse("audition_home"), SELLER),
        KeyPage("application", reverse("audition_application_detail", args=[application.pk]), SELLER),
        KeyPage("seller dashboard", reverse("seller_dashboard"), SELLER),
        KeyPage("trainer home", reverse("trainer_home"), TRAINER),
        KeyPage("lesson", lesson.url, STAFF),
        KeyPage("staff impact", "/staf/dampak/", STAFF),
        KeyPage("cohort dashboard", reverse("cohort_dashboard", args=[cohort.slug]), STAFF),
    ]


def fill_cart(user) -> None:
    """One product in the buyer's cart, so the checkout page shows its form rather than redirecting."""
    from shop.models import Product
    from shop.orders import services

    product = Product.objects.public().filter(stock__gte=5).order_by("pk").first()
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=1)
