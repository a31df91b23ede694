"""StreamField blocks shared by Wagtail pages on several floors: the public site's pages (cms) and the
lessons (incubation). They live on the ground floor so that both may import them (docs/architecture.md).

Wagtail migrations record these blocks by their base classes (wagtail.blocks.StructBlock with its children),
not by this module's path, so moving them here from cms/blocks.py changed no migration.
"""

import re

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
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


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=140)
    level = blocks.ChoiceBlock(
        label=_("level"), choices=[("h2", _("section")), ("h3", _("subsection"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("heading")
        template = "blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("image with caption")
        template = "blocks/image.html"


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
        template = "blocks/video.html"
