from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from adimarko.core.pagination import paginate
from cms import blocks
from cms.models.pages import SeoPage

NEWS_PER_PAGE = 10


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    """A news category (e.g. Smart City, Programme); translated like pages, matched across languages by
    translation key."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="newscategory_unique_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsIndexPage(SeoPage):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = (
            NewsPage.objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .prefetch_related("categories", "tags")
            .order_by("-date", "-pk")
        )
        category = self._category_from(request)
        if category is not None:
            news = news.filter(categories__translation_key=category.translation_key)
        tag = request.GET.get("tag", "").strip()
        if tag:
            news = news.filter(tags__slug=tag)
        context.update(
            news=paginate(request, news.distinct(), per_page=NEWS_PER_PAGE),
            category=category,
            tag=tag,
            categories=NewsCategory.objects.filter(locale=self.locale),
        )
        return context

    def _category_from(self, request):
        slug = request.GET.get("kategori", "").strip()
        if not slug:
            return None
        return NewsCategory.objects.filter(locale=self.locale, slug=slug).first()


class NewsPage(SeoPage):
    date = models.DateField(_("date"), default=timezone.localdate)
    author_name = models.CharField(_("author"), max_length=120, blank=True)
    introduction = models.TextField(_("summary"), help_text=_("One or two sentences for listings."))
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(blocks.BodyBlock(), verbose_name=_("body"), blank=True)
    categories = ParentalManyToManyField(NewsCategory, verbose_name=_("categories"), blank=True)
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=NewsPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author_name")], heading=_("Byline")),
        FieldPanel("introduction"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("categories"), FieldPanel("tags")], heading=_("Filing")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def localized_categories(self):
        """The categories in the language of this article (an English copy may still point at Indonesian
        categories)."""
        return [
            category.get_translation_or_none(self.locale) or category for category in self.categories.all()
        ]
