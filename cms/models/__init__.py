"""Pages and settings of the public site. One module per concept; import from `cms.models`."""

from cms.models.contact import ContactMessage, ContactPage
from cms.models.news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from cms.models.pages import FaqPage, HomePage, ProgrammePage, SeoPage, StandardPage
from cms.models.site import SiteNavigation, SiteSettings

__all__ = [
    "ContactMessage",
    "ContactPage",
    "FaqPage",
    "HomePage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "ProgrammePage",
    "SeoPage",
    "SiteNavigation",
    "SiteSettings",
    "StandardPage",
]
