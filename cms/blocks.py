"""StreamField blocks shared by every page of the public site (and by other apps' Wagtail pages)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]

_YOUTUBE = re.compile(r"(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)([\w-]{11})")
_VIMEO = re.compile(r"vimeo\.com/(?:video/)?(\d+)")


def video_embed_url(url: str) -> str | None:
    """The privacy-friendly player address of a YouTube or Vimeo link, or None for other hosts."""
    if match := _YOUTUBE.search(url or ""):
        return f"https://www.youtube-nocookie.com/embed/{match.group(1)}"
    if match := _VIMEO.search(url or ""):
        return f"https://player.vimeo.com/video/{match.group(1)}?dnt=1"
    return None


class LinkValue(blocks.StructValue):
    @property
    def url(self) -> str:
        """The chosen page in the visitor's language when it is translated, else the external address."""
        page = self.get("page")
        if page is not None:
            return page.localized.url
        return self.get("external_url") or ""

    @property
    def text(self) -> str:
        page = self.get("page")
        return self.get("label") or (page.localized.title if page is not None else self.get("external_url"))


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


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=140)
    level = blocks.ChoiceBlock(
        label=_("level"), choices=[("h2", _("section")), ("h3", _("subsection"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("heading")
        template = "cms/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("image with caption")
        template = "cms/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=140)

    class Meta:
        icon = "openquote"
        label = _("quote")
        template = "cms/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video: the player loads lazily from a privacy-friendly address; other hosts get a
    plain link, so the page never waits for a third party."""

    url = blocks.URLBlock(label=_("video address"), help_text=_("A YouTube or Vimeo link."))
    title = blocks.CharBlock(label=_("title"), max_length=140, help_text=_("Read out by screen readers."))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context

    class Meta:
        icon = "media"
        label = _("video")
        template = "cms/blocks/video.html"


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
        template = "cms/blocks/body.html"
