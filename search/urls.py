from django.urls import path

from search import views, views_picks

# Mounted at /cari/ inside i18n_patterns (adimarko/urls.py).
urlpatterns = [
    path("", views.search_page, name="search"),
    path("saran/", views.autocomplete_view, name="search_autocomplete"),
]

# Mounted at /staf/pilihan-kurator/ inside i18n_patterns.
staff_patterns = [
    path("", views_picks.curated_picks, name="curated_picks"),
    path("<int:product_pk>/", views_picks.curated_pick_change, name="curated_pick_change"),
]
