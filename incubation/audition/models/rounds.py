"""An audition round: a Wagtail page with its content, dates, eligibility rules, documents and rubric.

Deadline semantics (explicit, shown on the page): `opens_at` is the first instant submissions are accepted;
`closes_on` is the LAST DAY submissions are accepted, until 23:59:59 WIB (Asia/Jakarta) of that day. The first
refused instant is 00:00:00 WIB of the following day (`round.deadline`).
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from adimarko.core.sectors import Sector
from incubation.audition.blocks import RoundContentBlock

WIB = ZoneInfo("Asia/Jakarta")
SCALE_MIN, SCALE_MAX = 1, 5


# Applications are classified by the programme's sectors (shared with marketplace categories).
ProductCategory = Sector


class DocumentKind(models.TextChoices):
    IMAGE = "image", _("Photo (JPEG, PNG or WebP)")
    DOCUMENT = "document", _("Document (PDF or photo)")


class RoundPageForm(WagtailAdminPageForm):
    """Checks what spans the inline panels: rubric weights total 100, dates in order."""

    def clean(self):
        cleaned = super().clean()
        criteria = self.formsets.get("criteria")
        # Rows with their own errors are reported by the formset; the total is checked once all are valid.
        if criteria is not None and criteria.is_valid():
            weights = [
                form.cleaned_data.get("weight") or 0
                for form in criteria.forms
                if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
            ]
            if weights and sum(weights) != 100:
                self.add_error(
                    None,
                    _("The rubric weights must add up to 100 (now %(total)s).") % {"total": sum(weights)},
                )
        return cleaned


class RoundPage(Page):
    """One audition call, e.g. "Audisi Adi Marko 2027"."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(RoundContentBlock(), verbose_name=_("content"), blank=True)
    opens_at = models.DateTimeField(
        _("opens at"),
        help_text=_("Date and time in WIB (Asia/Jakarta) from which applications are accepted."),
    )
    closes_on = models.DateField(
        _("last day for submissions"),
        help_text=_(
            "Applications are accepted until 23:59:59 WIB of this day; 00:00 WIB next day is too late."
        ),
    )
    quota = models.PositiveSmallIntegerField(_("quota"), default=50, help_text=_("Places in the cohort."))
    require_blitar_domicile = models.BooleanField(_("business must be in Kabupaten Blitar"), default=True)
    min_business_age_months = models.PositiveSmallIntegerField(_("minimum business age (months)"), default=6)
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Juries do not see the name, owner, contact or identifying documents of applicants."),
    )
    juries_per_application = models.PositiveSmallIntegerField(
        _("juries per application"), default=2, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    disagreement_threshold = models.PositiveSmallIntegerField(
        _("disagreement threshold (points)"),
        default=20,
        help_text=_("Flag an application when its juries' totals (0–100) differ by at least this much."),
    )
    decisions_message = RichTextField(_("message shown after the decisions"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_on"), FieldPanel("quota")],
            heading=_("Dates and quota"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("require_blitar_domicile"),
                FieldPanel("min_business_age_months"),
                InlinePanel("categories", label=_("Eligible categories (none: all)")),
            ],
            heading=_("Eligibility"),
        ),
        InlinePanel("required_documents", label=_("Required documents and photos")),
        InlinePanel("criteria", label=_("Rubric criteria"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("blind_review"),
                FieldPanel("juries_per_application"),
                FieldPanel("disagreement_threshold"),
            ],
            heading=_("Jury"),
        ),
        FieldPanel("decisions_message"),
    ]
    base_form_class = RoundPageForm
    subpage_types: list[str] = []
    template = "incubation/audition/round_page.html"

    class Meta:
        verbose_name = _("audition round")
        verbose_name_plural = _("audition rounds")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_on and self.deadline <= self.opens_at:
            raise ValidationError({"closes_on": _("The last day must come after the opening time.")})

    # --- Time ---------------------------------------------------------------------------------------
    @property
    def deadline(self) -> datetime:
        """The first refused instant: 00:00:00 WIB on the day after `closes_on`."""
        return datetime.combine(self.closes_on + timedelta(days=1), time(0), tzinfo=WIB)

    def is_open_at(self, when: datetime) -> bool:
        return self.opens_at <= when < self.deadline

    @property
    def is_open(self) -> bool:
        return self.is_open_at(timezone.now())

    @property
    def has_closed(self) -> bool:
        return timezone.now() >= self.deadline

    @property
    def year(self) -> int:
        return self.closes_on.year

    def eligible_category_values(self) -> set[str]:
        return {c.category for c in self.categories.all()}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The visitor's application to this round, read as `application_for_user_in_round` reads it.
        user = request.user
        context["my_application"] = (
            self.applications.of_applicant(user).first() if user.is_authenticated else None
        )
        return context


class RoundCategory(Orderable):
    round = ParentalKey(RoundPage, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(_("category"), max_length=20, choices=ProductCategory.choices)

    panels = [FieldPanel("category")]

    class Meta(Orderable.Meta):
        verbose_name = _("eligible category")


class RequiredDocument(Orderable):
    """A document or photo every application of the round must carry."""

    round = ParentalKey(RoundPage, on_delete=models.CASCADE, related_name="required_documents")
    label = models.CharField(_("label"), max_length=120)
    help_text = models.CharField(_("help text"), max_length=255, blank=True)
    kind = models.CharField(
        _("file type"), max_length=10, choices=DocumentKind.choices, default=DocumentKind.DOCUMENT
    )
    identifying = models.BooleanField(
        _("identifies the applicant"),
        default=True,
        help_text=_("Hidden from juries in blind review (e.g. NIB certificate, KTP)."),
    )

    panels = [FieldPanel("label"), FieldPanel("help_text"), FieldPanel("kind"), FieldPanel("identifying")]

    class Meta(Orderable.Meta):
        verbose_name = _("required document")

    def __str__(self):
        return self.label


class RubricCriterion(Orderable):
    """A criterion of the rubric: a weight (the weights of a round add up to 100) and a 1–5 scale."""

    round = ParentalKey(RoundPage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    level_1 = models.CharField(_("score 1 means"), max_length=255)
    level_2 = models.CharField(_("score 2 means"), max_length=255)
    level_3 = models.CharField(_("score 3 means"), max_length=255)
    level_4 = models.CharField(_("score 4 means"), max_length=255)
    level_5 = models.CharField(_("score 5 means"), max_length=255)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("weight"),
        FieldPanel("level_1"),
        FieldPanel("level_2"),
        FieldPanel("level_3"),
        FieldPanel("level_4"),
        FieldPanel("level_5"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rubric criterion")

    def __str__(self):
        return f"{self.name} ({self.weight}%)"

    @property
    def levels(self) -> list[tuple[int, str]]:
        return [(n, getattr(self, f"level_{n}")) for n in range(SCALE_MIN, SCALE_MAX + 1)]
