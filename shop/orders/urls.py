from django.urls import path

from shop.orders.views import buyer, cart, seller, staff

app_name = "orders"

urlpatterns = [
    path("keranjang/", cart.cart_view, name="cart"),
    path("keranjang/tambah/<int:product_id>/", cart.cart_add, name="cart_add"),
    path("keranjang/ubah/<int:product_id>/", cart.cart_update, name="cart_update"),
    path("keranjang/hapus/<int:product_id>/", cart.cart_remove, name="cart_remove"),
    path("checkout/", cart.checkout, name="checkout"),
    path("pesanan/", buyer.order_list, name="order_list"),
    path("pesanan/<str:reference>/", buyer.order_detail, name="order_detail"),
    path(
        "pesanan/<str:reference>/diterima/<int:seller_order_id>/", buyer.order_complete, name="order_complete"
    ),
    path("pesanan/<str:reference>/batal/", buyer.order_cancel, name="order_cancel"),
    path("pesanan/<str:reference>/bayar/", cart.order_pay, name="order_pay"),
    path("pesanan/<str:reference>/qris.png", buyer.order_qris_image, name="order_qris_image"),
    path("pesanan/<str:reference>/sudah-bayar/", buyer.order_payment_claim, name="order_payment_claim"),
    path("pesanan/<str:reference>/bukti-bayar/", buyer.order_payment_proof, name="order_payment_proof"),
    path("pesanan/<str:reference>/ulasan/<int:line_id>/", buyer.order_review, name="order_review"),
    path("penjual/pesanan/", seller.seller_order_list, name="seller_order_list"),
    path("penjual/pesanan/<int:pk>/", seller.seller_order_detail, name="seller_order_detail"),
    path("penjual/pesanan/<int:pk>/status/", seller.seller_order_advance, name="seller_order_advance"),
    path("penjual/saldo/", seller.seller_ledger, name="seller_ledger"),
    path("staf/pesanan/", staff.staff_order_list, name="staff_order_list"),
    path(
        "staf/pesanan/<str:reference>/konfirmasi-qris/", staff.staff_qris_confirm, name="staff_qris_confirm"
    ),
    path("staf/pesanan/<str:reference>/refund/", staff.staff_refund, name="staff_refund"),
    path(
        "staf/pesanan/<str:reference>/refund-transfer/",
        staff.staff_refund_transferred,
        name="staff_refund_transferred",
    ),
    path("staf/pembayaran/", staff.staff_payouts, name="staff_payouts"),
    path("staf/pembayaran/<int:pk>/", staff.staff_payout_detail, name="staff_payout_detail"),
    path("staf/pembayaran/<int:pk>/csv/", staff.staff_payout_csv, name="staff_payout_csv"),
    path("staf/pembayaran/<int:pk>/dibayar/", staff.staff_payout_paid, name="staff_payout_paid"),
]
