"""Shop's seam upwards (adimarko.core.seams): floors above learn that products changed, without shop importing
them. Listed with its subscribers in docs/architecture.md."""

from adimarko.core.seams import Seam

# The public view of these products changed (created, edited, approved, archived, stock or rating changed):
# a list of product ids, notified inside the service's transaction.
# Subscriber: search (search.indexing.schedule_product_sync re-indexes them after the commit).
products_changed = Seam("shop.products_changed", arguments=("product_ids",))
