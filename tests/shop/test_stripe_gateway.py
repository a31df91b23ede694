import pytest

from shop.payments import stripe as gateway


@pytest.mark.parametrize(("rupiah", "minor"), [(25000, 2500000), (0, 0), (1, 100), (1_500_000, 150_000_000)])
def test_minor_unit_is_rupiah_times_100(rupiah, minor):
    assert gateway.to_minor_unit(rupiah) == minor


@pytest.mark.parametrize(("minor", "rupiah"), [(2500000, 25000), (0, 0), (100, 1)])
def test_minor_unit_back_to_rupiah(minor, rupiah):
    assert gateway.from_minor_unit(minor) == rupiah


def test_fractions_of_a_rupiah_are_refused_not_rounded():
    with pytest.raises(ValueError):
        gateway.from_minor_unit(2500050)


@pytest.mark.parametrize("amount", [25000.0, "25000", True])
def test_minor_unit_refuses_non_integers(amount):
    with pytest.raises(TypeError):
        gateway.to_minor_unit(amount)


def test_gateway_is_off_without_a_key(settings):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(gateway.PaymentsNotConfigured):
        gateway.get_client()


@pytest.mark.stripe
def test_checkout_session_is_created_on_the_stripe_api_server():
    session = gateway.checkout_session_create(
        reference="ORD-2027-0001",
        lines=[
            gateway.CheckoutLine(name="Kopi Sirah Kencong 250 g", unit_price_idr=25000, quantity=2),
            gateway.CheckoutLine(name="Gula Kelapa 500 g", unit_price_idr=18000, quantity=1),
        ],
        success_url="http://127.0.0.1:8000/pesanan/ORD-2027-0001/",
        cancel_url="http://127.0.0.1:8000/keranjang/",
        customer_email="pembeli@contoh.test",
    )
    # stripe-mock validates every parameter against Stripe's OpenAPI spec and answers with a session fixture.
    assert session.id.startswith("cs_")
    assert session.url.startswith("https://")


@pytest.mark.stripe
def test_stripe_refusal_becomes_our_error(settings):
    # A revoked or mistyped key: Stripe (and stripe-mock) answer 401; it must not leak as a Stripe exception.
    settings.STRIPE_SECRET_KEY = "kunci-salah"
    with pytest.raises(gateway.PaymentGatewayError, match="Stripe refused"):
        gateway.checkout_session_create(
            reference="ORD-BAD",
            lines=[gateway.CheckoutLine(name="Kopi", unit_price_idr=1000, quantity=1)],
            success_url="http://127.0.0.1:8000/ok/",
            cancel_url="http://127.0.0.1:8000/batal/",
        )


@pytest.mark.parametrize("amount", ["2500000", 2500000.0, True, None])
def test_minor_units_from_a_webhook_must_be_integers(amount):
    with pytest.raises(ValueError):
        gateway.from_minor_unit(amount)


@pytest.mark.stripe
def test_a_checkout_session_is_expired_on_the_stripe_api_server():
    # stripe-mock answers 200 with a session fixture: the session is closed for payment.
    assert gateway.checkout_session_expire(session_id="cs_test_tutup") == gateway.SESSION_EXPIRED


@pytest.mark.stripe
def test_a_refund_is_created_with_our_idempotency_key():
    refund_id = gateway.refund_create(
        payment_intent="pi_test_1", amount_idr=25000, idempotency_key="adimarko-refund-7-1"
    )
    assert refund_id.startswith("re_")
