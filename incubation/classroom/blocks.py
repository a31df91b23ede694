"""StreamField blocks of a lesson: the public site's heading, paragraph, image and video blocks (same names,
so existing lesson content stays valid) plus documents, downloadable worksheets and a quiz.

A quiz's questions keep the stable ids Wagtail gives list items: answers are posted per question id and graded
on the server from the published page (incubation/classroom/quiz.py), never from what the browser sends back.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from adimarko.core.blocks import RICH_TEXT_FEATURES, CaptionedImageBlock, HeadingBlock, VideoBlock


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"), max_length=140, required=False, help_text=_("Empty: the document's own title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("document")
        template = "incubation/classroom/blocks/document.html"


class WorksheetBlock(blocks.StructBlock):
    """A worksheet participants download, fill in and use in their assignment."""

    document = DocumentChooserBlock(label=_("worksheet file"))
    title = blocks.CharBlock(label=_("title"), max_length=140)
    instructions = blocks.TextBlock(label=_("how to use it"), required=False, max_length=600)

    class Meta:
        icon = "clipboard-list"
        label = _("worksheet")
        template = "incubation/classroom/blocks/worksheet.html"


class QuizChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("choice"), max_length=250)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)


class QuizQuestionBlock(blocks.StructBlock):
    """One question. With one correct choice participants pick one answer; with several they pick all the
    correct ones."""

    question = blocks.CharBlock(label=_("question"), max_length=300)
    choices = blocks.ListBlock(QuizChoiceBlock(), label=_("choices"), min_num=2, max_num=8)
    explanation = blocks.TextBlock(
        label=_("explanation"), required=False, help_text=_("Shown after the participant answers.")
    )

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark at least one choice as correct."))}
            )
        return value

    class Meta:
        icon = "help"
        label = _("question")


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=140, default=_("Quiz"))
    pass_mark = blocks.IntegerBlock(
        label=_("pass mark (%)"),
        min_value=0,
        max_value=100,
        default=70,
        help_text=_("Share of questions answered correctly needed to pass (and complete the lesson)."),
    )
    questions = blocks.ListBlock(QuizQuestionBlock(), label=_("questions"), min_num=1, max_num=30)

    def get_searchable_content(self, value):
        # Questions only: the answers must not be findable through search.
        return [value["title"], *(question["question"] for question in value["questions"])]

    class Meta:
        icon = "tasks"
        label = _("quiz")
        template = "incubation/classroom/blocks/quiz.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=RICH_TEXT_FEATURES, template="cms/blocks/paragraph.html"
    )
    image = CaptionedImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    worksheet = WorksheetBlock()
    quiz = QuizBlock()

    class Meta:
        template = "blocks/body.html"
        block_counts = {"quiz": {"max_num": 1}}
