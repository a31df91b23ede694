"""Cohorts: built from a round's accepted applicants; trainers and their page permissions on the cohort's
courses; participants' last activity."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

from adimarko.core.models import User
from adimarko.core.roles import Role, has_role
from incubation.audition.models import RoundPage
from incubation.audition.selectors import round_accepted_applications
from incubation.cohorts.models import Cohort, Enrollment

# What a cohort's trainers may do on their courses (and everything below them). Wagtail publishes an approved
# workflow as the approving user, so approvers need publish_page; the admin hooks (wagtail_hooks.py) take the
# direct "Publish" button away from trainers, so their material is published by approving the workflow.
TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


@transaction.atomic
def cohort_create(
    *,
    round: RoundPage,
    name: str,
    starts_on,
    ends_on,
    by: User | None,
    trainers: list[User] = (),
    **rules,
) -> Cohort:
    """Create the round's cohort and enroll every accepted applicant. `rules` are graduation-rule fields."""
    if Cohort.objects.filter(round=round).exists():
        raise ValidationError({"round": _("This round already has a cohort.")})
    cohort = Cohort(
        round=round,
        name=name.strip(),
        slug=slugify(name),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
        **rules,
    )
    cohort.full_clean()
    cohort.save()
    cohort_set_trainers(cohort=cohort, trainers=trainers)
    cohort_enroll_accepted(cohort=cohort)
    return cohort


@transaction.atomic
def cohort_set_trainers(*, cohort: Cohort, trainers: list[User]) -> Cohort:
    not_trainers = [user for user in trainers if not has_role(user, Role.TRAINER)]
    if not_trainers:
        raise ValidationError(
            {
                "trainers": _("%(names)s do not have the trainer role.")
                % {"names": ", ".join(map(str, not_trainers))}
            }
        )
    cohort.trainers.set(trainers)
    course_permissions_sync(cohort=cohort)
    return cohort


@transaction.atomic
def cohort_enroll_accepted(*, cohort: Cohort) -> list[Enrollment]:
    """Enroll the round's accepted applicants not yet enrolled (idempotent: late acceptances join later)."""
    enrolled = set(cohort.enrollments.values_list("business_id", flat=True))
    created = []
    for application in round_accepted_applications(cohort.round):
        if application.business_id in enrolled:
            continue
        enrollment = Enrollment(cohort=cohort, business=application.business, application=application)
        enrollment.full_clean()
        enrollment.save()
        enrolled.add(application.business_id)
        created.append(enrollment)
    return created


def enrollment_touch(*, enrollment: Enrollment, when=None) -> None:
    """Record activity (lesson opened, quiz, submission, check-in) for the at-risk list. One UPDATE, never
    moving the time backwards."""
    when = when or timezone.now()
    Enrollment.objects.filter(pk=enrollment.pk).exclude(last_activity_at__gte=when).update(
        last_activity_at=when
    )
    enrollment.last_activity_at = max(filter(None, [enrollment.last_activity_at, when]))


# --- Cohort settings (staff) -------------------------------------------------------------------------------
COHORT_FIELDS = (
    "name",
    "starts_on",
    "ends_on",
    "require_all_lessons",
    "require_assignments_passed",
    "min_attendance_percent",
    "at_risk_after_days",
)


@transaction.atomic
def cohort_update(*, cohort: Cohort, trainers: list[User], **fields) -> Cohort:
    """Change a cohort's name, dates and graduation rules, and its trainers. The slug (its URL) stays."""
    unknown = set(fields) - set(COHORT_FIELDS)
    if unknown:
        raise TypeError(f"cohort_update() got unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(cohort, name, value.strip() if isinstance(value, str) else value)
    cohort.full_clean()
    cohort.save(update_fields=list(fields))
    cohort_set_trainers(cohort=cohort, trainers=trainers)
    return cohort


# --- Trainers' page permissions on the cohort's courses ------------------------------------------------
def trainer_group_name(cohort: Cohort) -> str:
    return f"Pelatih kelas {cohort.slug}"


@transaction.atomic
def course_permissions_sync(*, cohort: Cohort) -> Group:
    """One Django group per cohort holds its trainers and page permissions on the cohort's course pages
    (and so on their modules and lessons). Idempotent; run when trainers or courses change."""
    group, _created = Group.objects.get_or_create(name=trainer_group_name(cohort))
    group.user_set.set(cohort.trainers.all())
    courses = list(cohort.courses.all())
    wanted = {(page.pk, codename) for page in courses for codename in TRAINER_PAGE_PERMISSIONS}
    existing = GroupPagePermission.objects.filter(group=group).select_related("permission")
    have = set()
    for grant in existing:
        key = (grant.page_id, grant.permission.codename)
        if key in wanted:
            have.add(key)
        else:
            grant.delete()
    perms = {
        perm.codename: perm
        for perm in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=TRAINER_PAGE_PERMISSIONS
        )
    }
    for page_id, codename in sorted(wanted - have):
        GroupPagePermission.objects.create(group=group, page_id=page_id, permission=perms[codename])
    return group
