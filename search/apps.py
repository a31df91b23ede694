from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Shop sits below search and must not import it: its services notify this seam and the index
        # follows (on commit, through the same task as before).
        from search.indexing import schedule_product_sync
        from shop.seams import products_changed

        products_changed.subscribe(schedule_product_sync)
