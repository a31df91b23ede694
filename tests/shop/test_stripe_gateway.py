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


# --- A session that is no longer open --------------------------------------------------------------------
# stripe-mock expires every session it is asked to; Stripe refuses (400) to expire one that is complete or
# already expired. This loopback server answers those two requests exactly as Stripe's API does, so the real
# Stripe library parses the refusal and the session read back.
@pytest.fixture
def stripe_closed_session(settings):
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    requests_seen = []

    class StripeAnswers(BaseHTTPRequestHandler):
        def _answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):  # POST /v1/checkout/sessions/<id>/expire
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            requests_seen.append(("POST", self.path))
            message = "This Checkout Session is not in an open state."
            self._answer(400, {"error": {"type": "invalid_request_error", "message": message}})

        def do_GET(self):  # GET /v1/checkout/sessions/<id>
            requests_seen.append(("GET", self.path))
            session_id = self.path.rsplit("/", 1)[-1]
            self._answer(200, {"id": session_id, "object": "checkout.session", "status": server.status})

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), StripeAnswers)
    server.status = "complete"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.server_address[1]}"
    yield server, requests_seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("status", "expected"), [("complete", gateway.SESSION_COMPLETE), ("expired", gateway.SESSION_EXPIRED)]
)
def test_a_session_that_is_no_longer_open_reports_whether_it_was_paid(
    stripe_closed_session, status, expected
):
    server, requests_seen = stripe_closed_session
    server.status = status
    assert gateway.checkout_session_expire(session_id="cs_test_closed") == expected
    assert requests_seen == [
        ("POST", "/v1/checkout/sessions/cs_test_closed/expire"),
        ("GET", "/v1/checkout/sessions/cs_test_closed"),
    ]


def test_a_refused_expiry_of_an_open_session_is_our_error(stripe_closed_session):
    server, _requests_seen = stripe_closed_session
    server.status = "open"
    with pytest.raises(gateway.PaymentGatewayError, match="refused to expire"):
        gateway.checkout_session_expire(session_id="cs_test_open")
