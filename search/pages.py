"""Regional branding pages: a story edited in Wagtail plus a live, pre-filtered product listing.

RegionIndexPage (/wilayah/) lists every KecamatanPage (one per kecamatan) and CommodityPage (Kopi Blitar,
Gula Merah Blitar, ...). The listing and its facets come from search.service, scoped to the page's kecamatan
or commodity, so they follow Elasticsearch or fall back to the database like the search page.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from search.listing import listing_context
from search.types import Scope


class StoryBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title", max_length=120)
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"])
    image = ImageBlock(label=_("Image"))
    quote = blocks.StructBlock(
        [
            ("text", blocks.TextBlock(label=_("Quote"))),
            ("attribution", blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)),
        ],
        label=_("Quote"),
        icon="openquote",
        template="search/blocks/quote.html",
    )


class ListingPage(Page):
    """Shared behaviour: a story, then products and facets scoped by `scope()`."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StoryBlock(), verbose_name=_("story"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["search.RegionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def scope(self) -> Scope:
        raise NotImplementedError

    def get_template(self, request, *args, **kwargs):
        if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
            return "search/includes/listing.html"
        return super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, scope=self.scope(), action=self.url))
        return context


class RegionIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StoryBlock(), verbose_name=_("story"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["search.KecamatanPage", "search.CommodityPage"]
    # One per home page: the Indonesian one and its English translation (/wilayah/, /en/wilayah/).
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("regions index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().specific().order_by("title")
        context["commodities"] = [page for page in children if isinstance(page, CommodityPage)]
        context["kecamatan_pages"] = [page for page in children if isinstance(page, KecamatanPage)]
        return context


class KecamatanPage(ListingPage):
    # One page per kecamatan and language: its translation shares the kecamatan (checked in `clean`, as the
    # page's locale lives on Wagtail's page table).
    region = models.ForeignKey(
        "adimarko.Region",
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": 3},
        related_name="branding_pages",
    )
    content_panels = [*ListingPage.content_panels, FieldPanel("region")]

    class Meta:
        verbose_name = _("kecamatan page")

    def clean(self):
        super().clean()
        if self.region_id and self.locale_id:
            others = KecamatanPage.objects.filter(region_id=self.region_id, locale_id=self.locale_id)
            if others.exclude(pk=self.pk).exists():
                raise ValidationError({"region": _("This kecamatan already has a page in this language.")})

    def scope(self) -> Scope:
        return Scope(kecamatan=(self.region_id,))


class CommodityPage(ListingPage):
    commodity = models.CharField(
        _("commodity"),
        max_length=80,
        help_text=_("What buyers type to find it, e.g. “kopi” or “gula merah”."),
    )
    category = models.ForeignKey(
        "shop.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: only products of this category (and its sub-categories)."),
    )
    content_panels = [*ListingPage.content_panels, FieldPanel("commodity"), FieldPanel("category")]

    class Meta:
        verbose_name = _("commodity page")

    def scope(self) -> Scope:
        return Scope(text=self.commodity, category=(self.category.slug,) if self.category_id else ())
