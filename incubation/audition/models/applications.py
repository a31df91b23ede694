"""Applications to an audition round, their documents, their status history and personal-data requests."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from adimarko.core.money import PRICE_MAX
from adimarko.core.storage import private_storage
from adimarko.core.uploads import stored_name
from incubation.audition.models.rounds import ProductCategory, RequiredDocument, RoundPage
from incubation.audition.validators import validate_nik

EMPLOYEES_MAX = 10_000


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Eligible, under review")
    INELIGIBLE = "ineligible", _("Not eligible")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waiting list")
    REJECTED = "rejected", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses of an application that passed the administrative screening (whatever the decision after it).
PASSED_SCREENING = (Status.ELIGIBLE, Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED)


class IneligibleReason(models.TextChoices):
    OUTSIDE_BLITAR = "outside_blitar", _("Business is not in Kabupaten Blitar")
    DOCUMENTS = "documents", _("Documents missing or unreadable")
    BUSINESS_AGE = "business_age", _("Business too young")
    CATEGORY = "category", _("Category not part of this round")
    DUPLICATE = "duplicate", _("Duplicate application")
    OTHER = "other", _("Other reason")


class DecisionReason(models.TextChoices):
    TOP_SCORE = "top_score", _("Ranked within the quota")
    QUOTA = "quota", _("Quota reached")
    BELOW_THRESHOLD = "below_threshold", _("Score below the minimum")
    READINESS = "readiness", _("Not yet ready for online marketing")
    OTHER = "other", _("Other reason")


class SalesChannel(models.TextChoices):
    NONE = "none", _("Not selling online yet")
    SOCIAL = "social", _("Social media / WhatsApp")
    MARKETPLACE = "marketplace", _("Marketplace (Shopee, Tokopedia, ...)")
    BOTH = "both", _("Social media and marketplace")


class ApplicationQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("round", "business__desa__parent", "applicant")

    def for_member(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(business__memberships__user=user)

    def of_applicant(self, user):
        """The applications of the user's businesses, newest first."""
        return self.for_member(user).with_related().distinct().order_by("-created_at")

    def submitted(self):
        """Everything that reached staff: not drafts, not withdrawn."""
        return self.exclude(status__in=[Status.DRAFT, Status.WITHDRAWN])


class Application(models.Model):
    round = models.ForeignKey(
        RoundPage, verbose_name=_("round"), on_delete=models.PROTECT, related_name="applications"
    )
    business = models.ForeignKey(
        "adimarko.Business", verbose_name=_("business"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audition_applications",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Step 1: business and owner
    owner_name = models.CharField(_("owner's full name"), max_length=150, blank=True)
    owner_nik = models.CharField(
        _("owner's NIK"),
        max_length=16,
        blank=True,
        validators=[validate_nik],
        help_text=_("16 digits from the KTP. Only you see it in full; everyone else sees it masked."),
    )
    business_started_on = models.DateField(_("business started on"), null=True, blank=True)
    employees = models.PositiveSmallIntegerField(
        _("number of workers"), null=True, blank=True, validators=[MaxValueValidator(EMPLOYEES_MAX)]
    )
    # Step 2: product
    product_name = models.CharField(_("main product"), max_length=120, blank=True)
    product_description = models.TextField(_("product description"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=ProductCategory.choices, blank=True)
    price = models.BigIntegerField(
        _("price (Rp)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message=_("The price must be at least Rp 1 (whole rupiah).")),
            MaxValueValidator(PRICE_MAX, message=_("The price can be at most Rp 1.000.000.000.")),
        ],
    )
    monthly_capacity = models.CharField(_("monthly production capacity"), max_length=120, blank=True)
    # Step 3: marketing readiness
    sales_channel = models.CharField(
        _("where do you sell online today?"), max_length=12, choices=SalesChannel.choices, blank=True
    )
    has_smartphone = models.BooleanField(
        _("I have a smartphone to take photos and reply to buyers"), default=False
    )
    online_accounts = models.CharField(_("online shop or social media accounts"), max_length=255, blank=True)
    marketing_challenge = models.TextField(_("your biggest marketing challenge"), blank=True)
    motivation = models.TextField(_("why do you want to join Adi Marko?"), blank=True)
    # Workflow
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    screening_reason = models.CharField(
        _("screening reason"), max_length=20, choices=IneligibleReason.choices, blank=True
    )
    screening_note = models.TextField(_("screening note"), blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    shortlisted = models.BooleanField(_("shortlisted"), default=False)
    decision_reason = models.CharField(
        _("decision reason"), max_length=20, choices=DecisionReason.choices, blank=True
    )
    decision_message = models.TextField(_("message to the applicant"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_batch = models.ForeignKey(
        "incubation.DecisionBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "business"],
                name="application_one_per_business_per_round",
                violation_error_message=_("This business already has an application in this round."),
            ),
            # The database refuses what the validators refuse, whatever path wrote the row.
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=1),
                name="application_price_positive",
                violation_error_message=_("The price must be at least Rp 1 (whole rupiah)."),
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.business}"

    @property
    def code(self) -> str:
        """The reference juries see in blind review; it carries no identity."""
        return f"AM{self.round.year}-{self.pk or 0:04d}"

    @property
    def masked_nik(self) -> str:
        from incubation.audition.validators import mask_nik

        return mask_nik(self.owner_nik)

    @property
    def is_editable(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_decided(self) -> bool:
        return self.status in (Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED)

    @property
    def kecamatan(self):
        return self.business.desa.parent


def application_document_path(instance, filename):
    """A random name with the extension of the checked content (never the uploaded name's)."""
    application = instance.application
    return f"audition/{application.round_id}/{application.pk}/{stored_name(instance, 'file')}"


# Application files (KTP, NIB scans) live in STORAGES["private"] (adimarko.core.storage.private_storage,
# imported here too because older migrations name it from this module) and are only served by
# `application_document`.


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    requirement = models.ForeignKey(RequiredDocument, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("file"), upload_to=application_document_path, storage=private_storage)
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(max_length=255, blank=True)
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application document")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement"], name="application_document_unique"
            ),
        ]

    def __str__(self):
        return f"{self.requirement} ({self.application.code})"


class ApplicationEvent(models.Model):
    """One line of an application's status history, visible to the applicant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application_id}: {self.status}"


class DecisionTemplate(models.Model):
    """A reusable decision message; `{business}`, `{owner}` and `{round}` are filled in."""

    name = models.CharField(_("name"), max_length=80)
    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=[(s.value, s.label) for s in (Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED)],
    )
    reason = models.CharField(_("reason"), max_length=20, choices=DecisionReason.choices)
    body = models.TextField(_("message"))

    class Meta:
        verbose_name = _("decision message template")
        verbose_name_plural = _("decision message templates")
        ordering = ["outcome", "name"]

    def __str__(self):
        return self.name


class DecisionBatch(models.Model):
    round = models.ForeignKey(RoundPage, on_delete=models.CASCADE, related_name="decision_batches")
    outcome = models.CharField(max_length=12, choices=Status.choices)
    reason = models.CharField(max_length=20, choices=DecisionReason.choices)
    message = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.round} · {self.get_outcome_display()} ({self.created_at:%Y-%m-%d})"


class DataDeletionRequest(models.Model):
    """An applicant's request to erase their personal data; staff execute it (anonymisation)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField()
    reason = models.TextField(_("reason"), blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    executed_at = models.DateTimeField(null=True, blank=True)
    executed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["executed_at", "-requested_at"]

    def __str__(self):
        return f"{self.email} ({self.requested_at:%Y-%m-%d})"
