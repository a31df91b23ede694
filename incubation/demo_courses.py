"""Demo classroom: the "Kelas" page and two courses for the demo cohort, built and published through the
course services (and so the moderation workflow), with partial progress. Deterministic and idempotent."""

import uuid
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from adimarko.core.datafiles import read_json
from adimarko.core.models import User
from adimarko.core.roles import GROUP_NAMES, Role
from incubation.classroom.quiz import lesson_quiz
from incubation.classroom.services import (
    course_create,
    course_lesson_add,
    course_module_add,
    course_page_approve,
    course_page_submit,
    course_workflow_ensure,
    lesson_complete,
    lesson_open,
    quiz_submit,
)
from incubation.demo import enrollment_member
from incubation.models import Cohort, CourseIndexPage, CoursePage, LessonPage, LessonProgress, ModulePage


def _p(*paragraphs: str) -> list[dict]:
    return [{"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}]


def _heading(text: str) -> list[dict]:
    return [{"type": "heading", "value": {"text": text, "level": "h2"}}]


def _video(url: str, title: str, caption: str = "") -> list[dict]:
    return [{"type": "video", "value": {"url": url, "title": title, "caption": caption}}]


def _id(*parts) -> str:
    """A stable list-item id: answers are posted per question id, so the demo's ids never change."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "adimarko-demo-quiz:" + ":".join(map(str, parts))))


def _quiz(title: str, pass_mark: int, questions) -> list[dict]:
    """questions: (question, [(choice, correct), ...], explanation)."""
    return [
        {
            "type": "quiz",
            "id": _id(title),
            "value": {
                "title": title,
                "pass_mark": pass_mark,
                "questions": [
                    {
                        "type": "item",
                        "id": _id(title, number),
                        "value": {
                            "question": question,
                            "choices": [
                                {
                                    "type": "item",
                                    "id": _id(title, number, choice),
                                    "value": {"text": text, "correct": correct},
                                }
                                for choice, (text, correct) in enumerate(choices)
                            ],
                            "explanation": explanation,
                        },
                    }
                    for number, (question, choices, explanation) in enumerate(questions)
                ],
            },
        }
    ]


def _pdf(lines: list[str]) -> bytes:
    """A small one-page PDF with the worksheet's lines (Helvetica, no dependencies)."""
    text = " ".join(
        f"({line.replace(chr(92), '').replace('(', '[').replace(')', ']')}) Tj 0 -18 Td" for line in lines
    )
    stream = f"BT /F1 12 Tf 56 780 Td {text} ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _worksheet_document(title: str, lines: list[str]):
    model = get_document_model()
    existing = model.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing
    document = model(title=title)
    slug = title.lower().replace(":", "").replace(" ", "-")
    document.file.save(f"{slug}.pdf", ContentFile(_pdf([title, "", *lines])), save=False)
    document.save()
    return document


def _worksheet(title: str, instructions: str, lines: list[str]) -> list[dict]:
    document = _worksheet_document(f"Lembar kerja: {title}", lines)
    return [
        {
            "type": "worksheet",
            "value": {"document": document.pk, "title": title, "instructions": instructions},
        }
    ]


def _image(caption: str, alt: str) -> list[dict]:
    image = get_image_model().objects.order_by("pk").first()
    if image is None:
        return []
    return [
        {
            "type": "image",
            "value": {"image": {"image": image.pk, "alt_text": alt, "decorative": False}, "caption": caption},
        }
    ]


# Blocks of a lesson's body in incubation/data/demo_courses.json, each {kind: value}, and how each is built.
BODY_BLOCKS = {
    "paragraphs": lambda value: _p(*value),
    "heading": _heading,
    "video": lambda value: _video(value["url"], value["title"], value["caption"]),
    "image": lambda value: _image(value["caption"], value["alt"]),
    "quiz": lambda value: _quiz(
        value["title"],
        value["pass_mark"],
        [
            (
                question["question"],
                [(choice["text"], choice["correct"]) for choice in question["choices"]],
                question["explanation"],
            )
            for question in value["questions"]
        ],
    ),
    "worksheet": lambda value: _worksheet(value["title"], value["instructions"], value["lines"]),
}


def _lesson_fields(lesson: dict) -> dict:
    """A lesson's fields for the course service, its body built block by block (in order: a worksheet's
    document is created when its block is built)."""
    fields = {name: value for name, value in lesson.items() if name != "title"}
    if "body" in fields:
        fields["body"] = [
            item
            for block in fields["body"]
            for kind, value in block.items()
            for item in BODY_BLOCKS[kind](value)
        ]
    return fields


def _courses() -> list[dict]:
    """The two demo courses (incubation/data/demo_courses.json): modules of lessons (title, fields)."""
    return [
        {
            "title": course["title"],
            "intro": course["intro"],
            "modules": [
                (module["title"], [(lesson["title"], _lesson_fields(lesson)) for lesson in module["lessons"]])
                for module in course["modules"]
            ],
        }
        for course in read_json("incubation", "demo_courses.json")
    ]


def _classroom() -> CourseIndexPage:
    root = Site.objects.get(is_default_site=True).root_page
    index = CourseIndexPage.objects.child_of(root).first()
    if index is None:
        index = CourseIndexPage(
            title="Kelas",
            slug="kelas",
            intro="Materi inkubasi Adi Marko untuk peserta angkatan, pelatih dan staf Disperindag.",
        )
        root.add_child(instance=index)
        index.save_revision().publish()
    _classroom_in_english(index)
    return index


def _classroom_in_english(index: CourseIndexPage) -> None:
    """The classroom's English translation (/en/kelas/), which lists the same (Indonesian) courses."""
    english, _created = Locale.objects.get_or_create(language_code="en")
    if index.get_translation_or_none(english) is not None:
        return
    translated = CourseIndexPage.objects.get(pk=index.copy_for_translation(english).pk)
    translated.title = "Classes"
    translated.intro = (
        "Adi Marko incubation material for cohort participants, trainers and Disperindag staff."
    )
    translated.save_revision().publish()


def _author(cohort: Cohort) -> User:
    trainer = cohort.trainers.order_by("pk").first()
    if trainer is not None:
        return trainer
    return User.objects.filter(groups__name=GROUP_NAMES[Role.STAFF]).order_by("pk").first()


def _approver(author: User) -> User:
    """Staff approve the demo's courses: nobody approves what they submitted."""
    return (
        User.objects.filter(groups__name=GROUP_NAMES[Role.STAFF]).exclude(pk=author.pk).order_by("pk").first()
    )


def _build_course(spec: dict, *, cohort: Cohort, index: CourseIndexPage, by: User) -> CoursePage:
    course = CoursePage.objects.filter(cohort=cohort, title=spec["title"]).first()
    if course is not None:
        return course
    course = course_create(cohort=cohort, title=spec["title"], intro=spec["intro"], by=by, index=index)
    for module_title, lessons in spec["modules"]:
        module = course_module_add(course=course, title=module_title, by=by)
        for title, fields in lessons:
            course_lesson_add(module=module, title=title, by=by, **fields)
    # One submission covers the course with its modules and lessons; approving it publishes them all.
    course_page_submit(page=course, by=by)
    course_page_approve(page=course, by=_approver(by))
    return CoursePage.objects.get(pk=course.pk)


def _answers(lesson: LessonPage, *, right: bool) -> dict[str, list[str]]:
    quiz = lesson_quiz(lesson)
    answers = {}
    for question in quiz.questions:
        choices = (
            sorted(question.correct) if right else [min(set(range(len(question.choices))) - question.correct)]
        )
        answers[question.id] = [str(choice) for choice in choices]
    return answers


def _progress(cohort: Cohort, courses: list[CoursePage]) -> None:
    """First participant: the photo course's first module done (quiz passed), a lesson of the second
    opened, a marketplace lesson done. Second: one lesson done, the quiz failed once. The rest: untouched."""
    enrollments = list(cohort.enrollments.with_access().order_by("pk"))
    if len(enrollments) < 2:
        return
    # Chosen by position among everyone with access, so a later graduation does not shift the choice when
    # the demo runs again (a graduate keeps the progress made while active).
    active = enrollments[:-1][:2]
    photo = list(LessonPage.objects.live().descendant_of(courses[0]).order_by("path"))
    market = list(LessonPage.objects.live().descendant_of(courses[1]).order_by("path"))
    day = datetime.combine(cohort.starts_on, time(9), tzinfo=timezone.get_current_timezone())
    for number, enrollment in enumerate(active):
        user = enrollment_member(enrollment)
        if (
            user is None
            or enrollment.status != enrollment.Status.ACTIVE
            or LessonProgress.objects.filter(enrollment=enrollment).exists()
        ):
            continue
        if number == 0:
            lesson_open(lesson=photo[0], user=user, when=day + timedelta(days=1))
            lesson_complete(lesson=photo[0], user=user, when=day + timedelta(days=1, minutes=20))
            lesson_open(lesson=photo[1], user=user, when=day + timedelta(days=2))
            quiz_submit(
                lesson=photo[1],
                user=user,
                answers=_answers(photo[1], right=True),
                when=day + timedelta(days=2, minutes=25),
            )
            lesson_open(lesson=market[0], user=user, when=day + timedelta(days=3))
            lesson_complete(lesson=market[0], user=user, when=day + timedelta(days=3, minutes=15))
            lesson_open(lesson=photo[2], user=user, when=day + timedelta(days=4))
        else:
            lesson_open(lesson=photo[0], user=user, when=day + timedelta(days=2))
            lesson_complete(lesson=photo[0], user=user, when=day + timedelta(days=2, minutes=30))
            lesson_open(lesson=photo[1], user=user, when=day + timedelta(days=5))
            quiz_submit(
                lesson=photo[1],
                user=user,
                answers=_answers(photo[1], right=False),
                when=day + timedelta(days=5, minutes=20),
            )


@transaction.atomic
def build_courses(*, cohort: Cohort) -> dict[str, int]:
    index = _classroom()
    course_workflow_ensure()
    by = _author(cohort)
    courses = [_build_course(spec, cohort=cohort, index=index, by=by) for spec in _courses()]
    _progress(cohort, courses)
    under = Q()
    for course in courses:
        under |= Q(path__startswith=course.path)
    return {
        "courses": len(courses),
        "course_modules": ModulePage.objects.live().filter(under).count(),
        "course_lessons": LessonPage.objects.live().filter(under).count(),
        "lesson_progress": LessonProgress.objects.filter(enrollment__cohort=cohort).count(),
        "lessons_completed": LessonProgress.objects.filter(
            enrollment__cohort=cohort, completed_at__isnull=False
        ).count(),
    }
