"""Cohorts: built from a round's accepted applicants; trainers; participants' last activity."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from adimarko.core.models import User
from adimarko.core.roles import Role, has_role
from incubation.models import Cohort, Enrollment, RoundPage
from incubation.selectors import round_accepted_applications


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
    from incubation.services.courses import course_permissions_sync

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
