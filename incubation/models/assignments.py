"""Files attached to an assignment submission (documents and photos).

Files are private: stored under random names in the private storage (see `private_storage`) and only served
through the permission-checked `assignment_file` view, never through a public media URL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from adimarko.core.storage import private_storage
from adimarko.core.uploads import stored_name
from incubation.models.courses import AssignmentSubmission


def submission_file_path(instance, filename):
    """A random name with the extension of the checked content (never the uploaded name's)."""
    submission = instance.submission
    return f"assignments/{submission.lesson_id}/{submission.enrollment_id}/{stored_name(instance, 'file')}"


class SubmissionFile(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        PHOTO = "photo", _("Photo")

    submission = models.ForeignKey(AssignmentSubmission, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(
        _("file"), upload_to=submission_file_path, storage=private_storage, max_length=200
    )
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission file")
        verbose_name_plural = _("submission files")
        ordering = ["submission", "pk"]

    def __str__(self):
        return self.original_name or self.file.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
