"""Reads of the staff cohort lists: cohorts with their counts, rounds waiting for a cohort, trainers."""

from django.db.models import Count, Q

from adimarko.core.models import User
from adimarko.core.permissions import is_staff
from adimarko.core.roles import GROUP_NAMES, Role
from incubation.audition.models import Application, RoundPage, Status
from incubation.cohorts.models import Cohort, Enrollment


def cohorts_for_staff():
    return (
        Cohort.objects.select_related("round")
        .annotate(
            active_count=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.ACTIVE)),
            graduated_count=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.GRADUATED)),
            withdrawn_count=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.WITHDRAWN)),
        )
        .order_by("-starts_on", "name")
    )


def rounds_ready_for_cohort():
    """Decided rounds with accepted applicants and no cohort yet."""
    accepted = Application.objects.filter(status=Status.ACCEPTED).values("round_id")
    return (
        RoundPage.objects.filter(pk__in=accepted, cohort__isnull=True)
        .annotate(accepted_count=Count("applications", filter=Q(applications__status=Status.ACCEPTED)))
        .order_by("-closes_on")
    )


def trainer_choices():
    """Users holding the trainer role, for the cohort forms."""
    return (
        User.objects.filter(groups__name=GROUP_NAMES[Role.TRAINER]).distinct().order_by("first_name", "email")
    )


def cohorts_for_user(user):
    """Cohorts whose dashboard this user may open: every cohort for staff, their own for trainers."""
    if is_staff(user):
        return Cohort.objects.order_by("-starts_on", "name")
    return Cohort.objects.for_trainer(user).order_by("-starts_on", "name")
