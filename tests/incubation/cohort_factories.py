"""Incubation test data (cohorts, course trees, participants), built through the services.

Shared by every incubation test module: extend it, keep the signatures.
"""

from datetime import date

from adimarko.core.roles import Role
from incubation.audition.services.decisions import decision_batch_apply
from incubation.cohorts.services import cohort_create
from incubation.models import Cohort, CourseIndexPage, CoursePage, LessonPage, ModulePage
from tests.factories import UserFactory
from tests.incubation.factories import home_page, round_page, submitted

# The people every incubation permission matrix checks, against every object kind.
COHORT_ROLES = (
    "anonymous",
    "buyer",
    "participant",
    "other_participant",
    "graduate",
    "trainer",
    "other_trainer",
    "staff",
)


def trainer(**kwargs):
    return UserFactory(roles=(Role.TRAINER,), **kwargs)


def accepted_round(*, participants: int = 2, title: str = "Audisi Adi Marko 2026", staff=None):
    """A decided round with `participants` accepted applications; returns (round, [(user, business), ...])."""
    staff = staff or UserFactory(roles=(Role.STAFF,))
    round = round_page(title=title, quota=max(participants, 1))
    people = []
    applications = []
    for _ in range(participants):
        application = submitted(round=round, staff=staff)
        applications.append(application)
        people.append((application.applicant, application.business))
    if applications:
        decision_batch_apply(
            round=round,
            applications=applications,
            outcome="accepted",
            reason="top_score",
            message="Selamat, {business}!",
            by=staff,
            notify=False,
        )
    return round, people


def cohort(*, participants: int = 2, trainers=None, name: str = "Angkatan 2026", round=None, **rules):
    """A cohort with `participants` enrolled businesses. Returns the cohort; `cohort.people` lists
    (user, business) pairs in enrollment order."""
    staff = UserFactory(roles=(Role.STAFF,))
    people = []
    if round is None:
        round, people = accepted_round(participants=participants, title=f"Audisi {name}", staff=staff)
    created = cohort_create(
        round=round,
        name=name,
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 11, 30),
        by=staff,
        trainers=trainers if trainers is not None else [trainer()],
        **rules,
    )
    created.people = people
    return created


def course_index() -> CourseIndexPage:
    existing = CourseIndexPage.objects.first()
    if existing:
        return existing
    page = CourseIndexPage(title="Kelas", slug="kelas")
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def course(*, cohort: Cohort, title: str = "Foto Produk dengan Ponsel", modules=None) -> CoursePage:
    """A published course with modules and lessons.

    `modules`: list of (module title, [lesson field dicts]); default: one module with two lessons, the second
    an assignment."""
    modules = (
        modules
        if modules is not None
        else [
            (
                "Dasar foto produk",
                [
                    {"title": "Cahaya alami"},
                    {
                        "title": "Tugas: foto produk Anda",
                        "requires_submission": True,
                        "submission_instructions": "Unggah tiga foto produk Anda.",
                    },
                ],
            ),
        ]
    )
    page = CoursePage(title=title, cohort=cohort)
    course_index().add_child(instance=page)
    page.save_revision().publish()
    for module_title, lessons in modules:
        module = ModulePage(title=module_title)
        page.add_child(instance=module)
        module.save_revision().publish()
        for fields in lessons:
            lesson = LessonPage(**fields)
            module.add_child(instance=lesson)
            lesson.save_revision().publish()
    return CoursePage.objects.get(pk=page.pk)


def lessons(course_page: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course_page).order_by("path"))
