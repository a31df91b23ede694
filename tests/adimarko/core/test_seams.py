"""Seams (adimarko/core/seams.py): how a lower floor tells an upper one that something happened."""

import pytest

from adimarko.core.seams import Seam, logged_in
from adimarko.core.uploads import upload_kinds
from search.indexing import schedule_product_sync
from shop.orders.views.cart import merge_session_cart
from shop.seams import products_changed


def test_notify_calls_the_subscribers_in_order_with_the_arguments():
    seam = Seam("test.changed", arguments=("ids",))
    calls = []
    seam.subscribe(lambda *, ids: calls.append(("first", ids)))
    seam.subscribe(lambda *, ids: calls.append(("second", ids)))

    seam.notify(ids=[3, 1])

    assert calls == [("first", [3, 1]), ("second", [3, 1])]


def test_subscribing_twice_runs_the_subscriber_once():
    seam = Seam("test.changed", arguments=("ids",))
    calls = []

    def subscriber(*, ids):
        calls.append(ids)

    seam.subscribe(subscriber)
    seam.subscribe(subscriber)
    seam.notify(ids=[7])

    assert seam.subscribers == (subscriber,)
    assert calls == [[7]]


def test_an_unsubscribed_listener_hears_nothing_more():
    seam = Seam("test.changed", arguments=("ids",))
    calls = []

    def listener(*, ids):
        calls.append(ids)

    seam.subscribe(listener)
    seam.notify(ids=[1])
    seam.unsubscribe(listener)
    seam.notify(ids=[2])

    assert calls == [[1]]
    assert seam.subscribers == ()


def test_notify_refuses_arguments_the_seam_does_not_declare():
    seam = Seam("test.changed", arguments=("ids",))

    with pytest.raises(TypeError):
        seam.notify(products=[1])


def test_a_subscriber_error_reaches_the_caller_like_a_direct_call():
    seam = Seam("test.changed", arguments=("ids",))

    def broken(*, ids):
        raise ValueError("index down")

    seam.subscribe(broken)
    with pytest.raises(ValueError, match="index down"):
        seam.notify(ids=[1])


def test_the_upper_floors_subscribe_when_django_starts():
    # Given the apps are ready, the seams have their subscribers (docs/architecture.md, "Seams").
    assert logged_in.subscribers == (merge_session_cart,)
    assert products_changed.subscribers == (schedule_product_sync,)


def test_every_app_registers_its_uploads_for_secure_uploads():
    assert [kind.label for kind in upload_kinds()] == [
        "adimarko.Business.logo",
        "adimarko.Certification.document",
        "wagtaildocs.Document.file",
        "orders.PaymentClaim.proof",
        "incubation.ApplicationDocument.file",
        "incubation.SubmissionFile.file",
    ]
    assert {kind.label for kind in upload_kinds() if not kind.private} == {"adimarko.Business.logo"}
