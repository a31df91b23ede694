"""Search-owned data: the curators' picks that search boosts, the regional branding pages, and the database
backend's search rows.

This module only gathers the models so that Django registers them; search's own modules import them from where
they live (search.picks, search.pages), so that nothing below the pages imports the pages back.
"""

from search.pages import CommodityPage, KecamatanPage, RegionIndexPage
from search.picks import CuratedProduct
from search.rows import ProductSearchRow, SearchRowsGeneration, SearchWord

__all__ = [
    "CommodityPage",
    "CuratedProduct",
    "KecamatanPage",
    "ProductSearchRow",
    "RegionIndexPage",
    "SearchRowsGeneration",
    "SearchWord",
]
