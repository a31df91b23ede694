"""The demo builders, run on factory data shaped like the demo (the decided round "Audisi Adi Marko 2026", the
demo trainer and staff logins)."""

import pytest

from adimarko.core.roles import Role
from incubation.demo_graduation import MANUAL_NOTE, build_cohort, build_graduation
from incubation.models import Certificate, Cohort, Enrollment
from shop.models import Storefront
from tests.factories import UserFactory
from tests.incubation import cohort_factories as f
from tests.incubation import graduation_factories as g

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_round():
    UserFactory(email="staf@adimarko.test", roles=(Role.STAFF,))
    trainer = UserFactory(email="pelatih@adimarko.test", roles=(Role.TRAINER,))
    round, people = f.accepted_round(participants=3, title="Audisi Adi Marko 2026")
    return round, people, trainer


def test_build_cohort_creates_angkatan_2026_once(demo_round):
    round, people, trainer = demo_round
    cohort = build_cohort()
    assert (cohort.name, cohort.round, cohort.year) == ("Angkatan 2026", round, 2026)
    assert list(cohort.trainers.all()) == [trainer]
    assert cohort.enrollments.count() == 3
    assert build_cohort() == cohort
    assert Cohort.objects.count() == 1


def test_build_graduation_manually_graduates_when_nobody_meets_the_rules(demo_round):
    cohort = build_cohort()
    f.course(cohort=cohort)  # material exists, nobody has done it
    totals = build_graduation(cohort=cohort)
    assert totals == {"graduates": 1, "certificates": 1, "graduates_with_storefront": 1}
    graduate = cohort.enrollments.get(status=Enrollment.Status.GRADUATED)
    assert graduate.graduation_note == MANUAL_NOTE
    assert graduate == cohort.enrollments.order_by("business__name", "pk").first()
    storefront = Storefront.objects.get(business=graduate.business)
    assert storefront.status == Storefront.Status.PENDING
    graduate.business.refresh_from_db()
    assert graduate.business.alumni_year == 2026
    assert build_graduation(cohort=cohort) == totals  # idempotent
    assert Certificate.objects.count() == 1


def test_without_course_material_only_the_manual_demo_graduation_happens(demo_round):
    cohort = build_cohort()
    totals = build_graduation(cohort=cohort)
    assert totals["graduates"] == 1
    assert cohort.enrollments.filter(status=Enrollment.Status.ACTIVE).count() == 2


def test_build_graduation_graduates_those_who_meet_the_rules(demo_round):
    cohort = build_cohort()
    lessons = g.lessons_of(f.course(cohort=cohort))
    done = list(cohort.enrollments.order_by("pk")[:2])
    for enrollment in done:
        g.finish_everything(enrollment, lessons)
    totals = build_graduation(cohort=cohort)
    assert (
        totals["graduates"] == 2 and totals["certificates"] == 2 and totals["graduates_with_storefront"] == 1
    )
    assert not cohort.enrollments.exclude(graduation_note="").exists()  # nobody graduated manually
