from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from cms import blocks, selectors


class SeoPage(Page):
    """A page with what search engines and link previews need: Wagtail's promote tab (seo_title,
    search_description) plus a share image."""

    og_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on WhatsApp or social media (1200 × 630)."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("og_image")]

    class Meta:
        abstract = True

    def get_share_image(self):
        """The image for OpenGraph: the share image, else the page's own picture, else none."""
        return self.og_image or getattr(self, "image", None) or getattr(self, "hero_image", None)

    def get_meta_description(self) -> str:
        return self.search_description or getattr(self, "introduction", "") or ""

    def figure_values(self):
        """The programme figures as plain values (label, value) for `cms/includes/figures.html`."""
        return [block.value for block in getattr(self, "figures", [])]

    def get_breadcrumbs(self):
        """Ancestors below the tree root (the home page first), for the trail and BreadcrumbList."""
        return self.get_ancestors().filter(depth__gt=1).specific()


class HomePage(SeoPage):
    hero_title = models.CharField(_("hero title"), max_length=120, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_product_count = models.PositiveSmallIntegerField(
        _("featured products"), default=8, help_text=_("How many of the latest approved products to show.")
    )
    highlights = StreamField(
        [("card", blocks.CardBlock())],
        verbose_name=_("regional highlights"),
        blank=True,
        help_text=_("Cards pointing at regional pages, stories or any other page."),
    )
    figures = StreamField(
        [("figure", blocks.FigureBlock())],
        verbose_name=_("programme figures"),
        blank=True,
    )
    body = StreamField(blocks.BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Hero")
        ),
        FieldPanel("featured_product_count"),
        FieldPanel("highlights"),
        FieldPanel("figures"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = selectors.featured_products(limit=self.featured_product_count)
        context["open_round"] = selectors.home_open_round()
        news = selectors.latest_news(locale_id=self.locale_id, limit=3, renditions=False)
        # The hero picture, the share image (the hero, unless an OpenGraph image is set) and the news cards'
        # pictures in one query.
        hero = selectors.home_images(hero_image_id=self.hero_image_id, news=news)
        if self.hero_image_id is not None:
            self.hero_image = hero
        context["latest_news"] = news
        # Live aggregates of the programme, cached for an hour. Imported here: the impact selectors import the
        # incubation and shop models, which are loaded after cms.
        from adimarko.reporting.public import public_figures

        context["impact_figures"] = public_figures()
        return context


class StandardPage(SeoPage):
    introduction = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(blocks.BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class ProgrammePage(SeoPage):
    """What Adi Marko is and how an IKM joins it."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(blocks.BodyBlock(), verbose_name=_("what Adi Marko is"), blank=True)
    steps = StreamField(
        [("step", blocks.CardBlock())],
        verbose_name=_("how to join"),
        blank=True,
        help_text=_("One card per step, in order."),
    )
    figures = StreamField([("figure", blocks.FigureBlock())], verbose_name=_("programme figures"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("steps"),
        FieldPanel("figures"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    class Meta:
        verbose_name = _("programme page")


class FaqPage(SeoPage):
    introduction = models.TextField(_("introduction"), blank=True)
    questions = StreamField([("question", blocks.QuestionBlock())], verbose_name=_("questions"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("questions")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("questions")]

    class Meta:
        verbose_name = _("FAQ page")
