from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from adimarko.core.views import accounts, businesses, files
from cms import views as cms_views
from cms.sitemaps import TranslatedSitemap
from incubation import urls as incubation_urls
from search import urls as search_urls
from search.api import api as search_api
from search.views import health
from shop.orders.views.webhooks import stripe_webhook
from shop.sitemaps import ProductSitemap, StorefrontSitemap

# /sitemap.xml is the index of the sections, each paginated at 50,000 URLs (/sitemap-products.xml?p=2).
SITEMAPS = {"pages": TranslatedSitemap, "products": ProductSitemap, "storefronts": StorefrontSitemap}

account_patterns = [
    path("daftar/", accounts.signup, name="account_signup"),
    path("masuk/", accounts.LoginView.as_view(), name="account_login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("profil/", accounts.profile, name="account_profile"),
    path("sandi/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("sandi/reset/terkirim/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "sandi/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "sandi/reset/selesai/", accounts.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
]

business_patterns = [
    path("", businesses.business_list, name="business_list"),
    path("baru/", businesses.business_create, name="business_create"),
    path("undangan/<str:token>/", businesses.business_invitation_accept, name="business_invitation_accept"),
    path("<slug:slug>/", businesses.business_public, name="business_public"),
    path("<slug:slug>/ubah/", businesses.business_edit, name="business_edit"),
    path("<slug:slug>/sertifikasi/", businesses.certification_add, name="business_certification_add"),
    path("sertifikasi/<int:pk>/dokumen/", files.certification_document, name="certification_document"),
    path("<slug:slug>/anggota/", businesses.business_members_view, name="business_members"),
    path(
        "<slug:slug>/undangan/<int:invitation_id>/batal/",
        businesses.business_invitation_revoke,
        name="business_invitation_revoke",
    ),
    path(
        "<slug:slug>/anggota/<int:membership_id>/hapus/",
        businesses.business_member_remove,
        name="business_member_remove",
    ),
]

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("webhooks/stripe/", stripe_webhook, name="stripe_webhook"),
    path("api/v1/", search_api.urls),
    path("health/", health, name="health"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Indonesian lives at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("akun/", include(account_patterns)),
    path("usaha/", include(business_patterns)),
    path("audisi/", include(incubation_urls.applicant_patterns)),
    path("juri/", include(incubation_urls.jury_patterns)),
    path("staf/audisi/", include(incubation_urls.staff_patterns)),
    path("staf/inkubasi/", include(incubation_urls.cohort_staff_patterns)),
    path("", include(incubation_urls.certificate_patterns)),
    path("inkubasi/kelas/", include(incubation_urls.course_patterns)),
    path("inkubasi/", include(incubation_urls.coaching_patterns)),
    path("pelatih/", include(incubation_urls.trainer_patterns)),
    path("", include("shop.urls")),
    path("", include("shop.orders.urls")),
    path("cari/", include("search.urls")),
    path("staf/pilihan-kurator/", include(search_urls.staff_patterns)),
    path("staf/dampak/", include("adimarko.reporting.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
