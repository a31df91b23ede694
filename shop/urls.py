"""Catalogue URLs, included by adimarko/urls.py inside i18n_patterns (Indonesian paths)."""

from django.urls import include, path

from shop.views import curation, public, seller

product_patterns = [
    path("", public.product_list, name="product_list"),
    path("kategori/<slug:slug>/", public.product_category, name="product_category"),
    path("kecamatan/<slug:slug>/", public.product_kecamatan, name="product_kecamatan"),
    path("<slug:slug>/", public.product_detail, name="product_detail"),
]

seller_patterns = [
    path("", seller.dashboard, name="seller_dashboard"),
    path("toko/", seller.storefront_edit, name="seller_storefront"),
    path("produk/baru/", seller.product_create, name="seller_product_create"),
    path("produk/impor/", seller.product_import, name="seller_product_import"),
    path("produk/ekspor/", seller.product_export, name="seller_product_export"),
    path("produk/<int:pk>/", seller.product_edit, name="seller_product_edit"),
    path("produk/<int:pk>/kirim/", seller.product_submit, name="seller_product_submit"),
    path("produk/<int:pk>/arsipkan/", seller.product_archive, name="seller_product_archive"),
    path("produk/<int:pk>/pulihkan/", seller.product_restore, name="seller_product_restore"),
    path("produk/<int:pk>/foto/", seller.photo_add, name="seller_photo_add"),
    path("produk/<int:pk>/foto/<int:photo_pk>/hapus/", seller.photo_remove, name="seller_photo_remove"),
    path("produk/<int:pk>/foto/<int:photo_pk>/utama/", seller.photo_primary, name="seller_photo_primary"),
]

curation_patterns = [
    path("", curation.queue, name="curation_queue"),
    path("produk/<int:pk>/", curation.product_review, name="curation_product"),
    path("toko/<int:pk>/", curation.storefront_decide, name="curation_storefront"),
]

urlpatterns = [
    path("produk/", include(product_patterns)),
    path("toko/<slug:slug>/", public.storefront_detail, name="storefront_detail"),
    path("penjual/", include(seller_patterns)),
    path("staf/kurasi/", include(curation_patterns)),
]
