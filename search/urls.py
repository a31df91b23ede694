from django.urls import path

from search import views

# Mounted at /cari/ inside i18n_patterns (adimarko/urls.py).
urlpatterns = [
    path("", views.search_page, name="search"),
    path("saran/", views.autocomplete_view, name="search_autocomplete"),
]
