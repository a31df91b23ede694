"""StreamField blocks of an audition round page: timeline, criteria text and FAQ."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class TimelineItemBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("date"))
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)

    class Meta:
        icon = "date"
        label = _("Timeline step")


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("Question and answer")


class RoundContentBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    timeline = blocks.ListBlock(TimelineItemBlock(), label=_("Timeline"), icon="date")
    criteria = blocks.RichTextBlock(
        label=_("Assessment criteria"), icon="list-ol", features=["h3", "bold", "italic", "ol", "ul"]
    )
    faq = blocks.ListBlock(FaqItemBlock(), label=_("FAQ"), icon="help")
