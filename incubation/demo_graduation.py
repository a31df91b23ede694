"""Demo cohort and graduation, built through the services. Deterministic and idempotent.

`build_cohort()` creates "Angkatan 2026" from the decided demo round "Audisi Adi Marko 2026" (trainer
pelatih@adimarko.test); the courses and coaching builders then add material, progress and sessions;
`build_graduation(cohort=...)` graduates those who meet the rules (once the cohort has course material),
graduates the first participant manually when nobody did (course progress comes from the other builders),
and opens one alumni storefront.
"""

from datetime import date

from adimarko.core.models import User
from incubation.classroom.selectors import cohort_lessons
from incubation.cohorts.services import cohort_create
from incubation.graduation.services import (
    alumni_storefront_open,
    cohort_graduate_eligible,
    enrollment_graduate,
)
from incubation.models import Certificate, Cohort, Enrollment, RoundPage

ROUND_TITLE = "Audisi Adi Marko 2026"
COHORT_NAME = "Angkatan 2026"
TRAINER_EMAIL = "pelatih@adimarko.test"
STAFF_EMAIL = "staf@adimarko.test"
MANUAL_NOTE = (
    "Lulus dengan pertimbangan panitia: seluruh materi dan tugas diselesaikan saat pendampingan tatap muka."
)


def build_cohort() -> Cohort:
    round = RoundPage.objects.get(title=ROUND_TITLE)
    existing = Cohort.objects.filter(round=round).first()
    if existing:
        return existing
    return cohort_create(
        round=round,
        name=COHORT_NAME,
        starts_on=date(2026, 5, 4),
        ends_on=date(2026, 10, 30),
        by=User.objects.filter(email=STAFF_EMAIL).first(),
        trainers=list(User.objects.filter(email=TRAINER_EMAIL)),
        min_attendance_percent=75,
        at_risk_after_days=14,
    )


def build_graduation(*, cohort: Cohort) -> dict[str, int]:
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if cohort_lessons(cohort).exists():
        # With no course material yet every rule is trivially met: graduate by the rules only once there is.
        cohort_graduate_eligible(cohort=cohort, by=staff)
    enrollments = cohort.enrollments.select_related("business", "cohort").order_by("business__name", "pk")
    graduates = [e for e in enrollments if e.status == Enrollment.Status.GRADUATED]
    if not graduates:
        first = next((e for e in enrollments if e.status == Enrollment.Status.ACTIVE), None)
        if first is not None:
            enrollment_graduate(enrollment=first, by=staff, note=MANUAL_NOTE)
            graduates = [first]
    if graduates:
        alumni_storefront_open(enrollment=graduates[0], by=staff)
    return {
        "graduates": cohort.enrollments.filter(status=Enrollment.Status.GRADUATED).count(),
        "certificates": Certificate.objects.valid().filter(enrollment__cohort=cohort).count(),
        "graduates_with_storefront": cohort.enrollments.filter(
            status=Enrollment.Status.GRADUATED, business__storefront__isnull=False
        ).count(),
    }
