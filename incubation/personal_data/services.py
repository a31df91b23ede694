"""Personal data (UU PDP, Law 27/2022): export for the data subject, deletion on request.

Decision: deletion is a REQUEST that Disperindag staff execute (not immediate), because a submitted
application is part of a round's audit trail (scores, decisions, quota). Executing it anonymises: the
applicant's name, NIK, free-text answers and uploaded files of every application they made are erased, and
their account is deactivated with name, phone and email replaced. Counts, scores and decisions stay for the
reports. The business profile is not personal data of one person (it may have other members) and stays.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adimarko.core.models import User
from incubation.audition.models import Application, DataDeletionRequest
from incubation.audition.selectors import applications_for_applicant
from incubation.coaching.models import AssignmentSubmission, Attendance

ERASED_TEXT_FIELDS = ("owner_name", "owner_nik", "online_accounts", "marketing_challenge", "motivation")


def _assignments(user: User) -> list[dict]:
    """The assignments the user submitted in the incubation (text, files, the trainer's feedback)."""
    submissions = (
        AssignmentSubmission.objects.filter(submitted_by=user)
        .select_related("lesson", "enrollment__cohort")
        .prefetch_related("files")
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "cohort": submission.enrollment.cohort.name,
            "lesson": submission.lesson.title,
            "submitted_at": submission.submitted_at.isoformat(),
            "text": submission.text,
            "status": submission.status,
            "feedback": submission.feedback,
            "files": [
                {"file_name": f.original_name, "content_type": f.content_type, "size": f.size}
                for f in submission.files.all()
            ],
        }
        for submission in submissions
    ]


def _checkins(user: User) -> list[dict]:
    """The mentoring sessions the user checked in to (QR) or was recorded at."""
    attendance = (
        Attendance.objects.filter(user=user).select_related("session__cohort").order_by("recorded_at", "pk")
    )
    return [
        {
            "cohort": a.session.cohort.name,
            "session": a.session.title,
            "starts_at": a.session.starts_at.isoformat(),
            "method": a.method,
            "recorded_at": a.recorded_at.isoformat(),
        }
        for a in attendance
    ]


def personal_data_export(*, user: User) -> dict:
    """Everything the platform holds about the user for the audition and the incubation, NIK in full (it is
    theirs)."""
    applications = []
    for application in applications_for_applicant(user=user).prefetch_related(
        "documents__requirement", "events"
    ):
        applications.append(
            {
                "code": application.code,
                "round": application.round.title,
                "business": application.business.name,
                "status": application.status,
                "owner_name": application.owner_name,
                "owner_nik": application.owner_nik,
                "business_started_on": application.business_started_on.isoformat()
                if application.business_started_on
                else None,
                "employees": application.employees,
                "product_name": application.product_name,
                "product_description": application.product_description,
                "category": application.category,
                "price": application.price,
                "monthly_capacity": application.monthly_capacity,
                "sales_channel": application.sales_channel,
                "has_smartphone": application.has_smartphone,
                "online_accounts": application.online_accounts,
                "marketing_challenge": application.marketing_challenge,
                "motivation": application.motivation,
                "submitted_at": application.submitted_at.isoformat() if application.submitted_at else None,
                "decision_message": application.decision_message if application.is_decided else "",
                "documents": [
                    {
                        "requirement": d.requirement.label,
                        "file_name": d.original_name,
                        "content_type": d.content_type,
                    }
                    for d in application.documents.all()
                ],
                "history": [
                    {"status": e.status, "at": e.created_at.isoformat(), "note": e.note}
                    for e in application.events.all()
                ],
            }
        )
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone,
            "date_joined": user.date_joined.isoformat(),
        },
        "businesses": [
            {"name": m.business.name, "nib": m.business.nib, "role": m.role}
            for m in user.memberships.select_related("business")
        ],
        "applications": applications,
        "assignments": _assignments(user),
        "mentoring_attendance": _checkins(user),
    }


@transaction.atomic
def data_deletion_request_create(*, user: User, reason: str = "") -> DataDeletionRequest:
    if DataDeletionRequest.objects.filter(user=user, executed_at__isnull=True).exists():
        raise ValidationError(_("Your deletion request is already waiting for Disperindag staff."))
    request = DataDeletionRequest(user=user, email=user.email, reason=reason.strip())
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def data_deletion_execute(*, deletion_request: DataDeletionRequest, by: User) -> int:
    """Anonymise the requester's audition data and account. Returns how many applications were erased."""
    deletion_request = DataDeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
    if deletion_request.executed_at:
        raise ValidationError(_("This request was already carried out."))
    user = deletion_request.user
    count = 0
    if user is not None:
        now = timezone.now()
        for application in Application.objects.filter(applicant=user).prefetch_related("documents"):
            for document in application.documents.all():
                name, storage = document.file.name, document.file.storage
                transaction.on_commit(lambda n=name, s=storage: s.delete(n))
                document.delete()
            for field in ERASED_TEXT_FIELDS:
                setattr(application, field, "")
            application.anonymised_at = now
            application.save(update_fields=[*ERASED_TEXT_FIELDS, "anonymised_at", "updated_at"])
            count += 1
        user.first_name = ""
        user.last_name = ""
        user.phone = ""
        user.email = f"dihapus-{user.pk}@anonim.invalid"
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["first_name", "last_name", "phone", "email", "is_active", "password"])
    deletion_request.email = f"dihapus-{deletion_request.pk}@anonim.invalid"
    deletion_request.executed_at = timezone.now()
    deletion_request.executed_by = by
    deletion_request.save(update_fields=["email", "executed_at", "executed_by"])
    return count
