from django.urls import path

from adimarko.reporting import views

urlpatterns = [
    path("", views.impact_dashboard, name="impact_dashboard"),
    path("unduh.<str:fmt>", views.impact_export, name="impact_export"),
    path("usaha/", views.impact_businesses, name="impact_businesses"),
    path("usaha/<slug:slug>/", views.impact_business, name="impact_business"),
]
