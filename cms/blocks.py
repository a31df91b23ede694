"""StreamField blocks of the public site's pages. The blocks lessons share with them (heading, image, video,
the rich-text features) are on the ground floor, in adimarko.core.blocks."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.models import Locale

from adimarko.core.blocks import RICH_TEXT_FEATURES, CaptionedImageBlock, HeadingBlock, VideoBlock

LOCALE_CACHE_SECONDS = 300


def active_locale_id() -> int | None:
    """The id of the Locale of the active language, read from the cache: Wagtail's `Page.localized` looks it
    up in the database on every call, once per link of a page. Locales change only in the admin."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = f"cms:locale-id:{language}"
    locale_id = cache.get(key)
    if locale_id is None:
        try:
            locale_id = Locale.get_active().pk
        except Locale.DoesNotExist:
            return None
        cache.set(key, locale_id, LOCALE_CACHE_SECONDS)
    return locale_id


class LinkValue(blocks.StructValue):
    def _localized_page(self):
        """The chosen page in the visitor's language when it is translated (looked up once per link, and
        not at all when the page is already in the visitor's language)."""
        page, locale_id = self.get("page"), active_locale_id()
        if page is None or page.locale_id == locale_id:
            return page
        memo = getattr(self, "_localized", None)
        if memo is None or memo[0] != locale_id:
            memo = self._localized = (locale_id, page.localized)
        return memo[1]

    @property
    def url(self) -> str:
        """The chosen page in the visitor's language when it is translated, else the external address."""
        page = self._localized_page()
        if page is not None:
            return page.url
        return self.get("external_url") or ""

    @property
    def text(self) -> str:
        page = self._localized_page()
        return self.get("label") or (page.title if page is not None else self.get("external_url"))


def _require_one_target(value) -> None:
    if not value.get("page") and not value.get("external_url"):
        message = _("Choose a page or enter an address.")
        raise StructBlockValidationError(block_errors={"page": ValidationError(message)})


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site (followed into the visitor's language) or to another site."""

    label = blocks.CharBlock(label=_("label"), required=False, help_text=_("Empty: the page title."))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    external_url = blocks.URLBlock(label=_("or address"), required=False)

    def __init__(self, *args, required=True, **kwargs):
        self._link_required = required
        super().__init__(*args, **kwargs)

    @property
    def required(self):
        return self._link_required

    def clean(self, value):
        value = super().clean(value)
        if self._link_required or value.get("label"):
            _require_one_target(value)
        return value

    class Meta:
        icon = "link"
        label = _("link")
        value_class = LinkValue


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=140)

    class Meta:
        icon = "openquote"
        label = _("quote")
        template = "cms/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=140)
    text = blocks.TextBlock(label=_("text"), required=False)
    link = LinkBlock(label=_("button"))

    class Meta:
        icon = "pick"
        label = _("call to action")
        template = "cms/blocks/call_to_action.html"


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=140)
    text = blocks.TextBlock(label=_("text"), required=False)
    image = ImageBlock(label=_("image"), required=False)
    link = LinkBlock(label=_("link"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("card")
        template = "cms/blocks/card.html"


class CardGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=140)
    cards = blocks.ListBlock(CardBlock(), label=_("cards"), min_num=1)

    class Meta:
        icon = "table"
        label = _("card grid")
        template = "cms/blocks/card_grid.html"


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("figure"), max_length=20, help_text=_("For example 50+ or Rp 1,2 M."))
    label = blocks.CharBlock(label=_("what it counts"), max_length=80)


class FiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=140)
    figures = blocks.ListBlock(FigureBlock(), label=_("figures"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("figures")
        template = "cms/blocks/figures.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("question")
        template = "cms/blocks/question.html"


class BodyBlock(blocks.StreamBlock):
    """What an editor can put in the body of any public page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=RICH_TEXT_FEATURES, template="cms/blocks/paragraph.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    card_grid = CardGridBlock()
    figures = FiguresBlock()

    class Meta:
        template = "blocks/body.html"
