"""Course test data: lessons with a quiz, documents and worksheets; logged-in clients."""

from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model

from incubation.classroom.services import course_workflow_ensure
from incubation.cohorts.services import course_permissions_sync
from incubation.models import CoursePage, LessonPage, ModulePage
from tests.incubation import cohort_factories as cf

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
QUESTION_1 = "11111111-1111-4111-8111-111111111111"
QUESTION_2 = "22222222-2222-4222-8222-222222222222"


def document(title: str = "Lembar kerja foto produk") -> object:
    model = get_document_model()
    doc = model(title=title)
    doc.file.save("lembar-kerja.pdf", ContentFile(PDF), save=False)
    doc.save()
    return doc


def quiz_block(*, pass_mark: int = 50) -> dict:
    """Question 1: one correct answer (choice 1). Question 2: two correct answers (choices 0 and 2)."""
    return {
        "type": "quiz",
        "value": {
            "title": "Kuis cahaya",
            "pass_mark": pass_mark,
            "questions": [
                {
                    "type": "item",
                    "id": QUESTION_1,
                    "value": {
                        "question": "Cahaya apa yang paling baik untuk foto produk?",
                        "choices": [
                            {"type": "item", "id": "c1a", "value": {"text": "Lampu kilat", "correct": False}},
                            {
                                "type": "item",
                                "id": "c1b",
                                "value": {"text": "Cahaya jendela", "correct": True},
                            },
                            {"type": "item", "id": "c1c", "value": {"text": "Lampu neon", "correct": False}},
                        ],
                        "explanation": "Cahaya jendela lembut dan merata.",
                    },
                },
                {
                    "type": "item",
                    "id": QUESTION_2,
                    "value": {
                        "question": "Mana yang membuat foto lebih tajam?",
                        "choices": [
                            {"type": "item", "id": "c2a", "value": {"text": "Tripod", "correct": True}},
                            {
                                "type": "item",
                                "id": "c2b",
                                "value": {"text": "Zoom digital", "correct": False},
                            },
                            {"type": "item", "id": "c2c", "value": {"text": "Lensa bersih", "correct": True}},
                        ],
                        "explanation": "",
                    },
                },
            ],
        },
    }


def course_with_quiz(*, cohort, title: str = "Foto Produk dengan Ponsel", pass_mark: int = 50) -> CoursePage:
    """A published course: module "Dasar" with lessons "Cahaya alami" (text + worksheet + quiz), "Latar"
    (text) and an assignment lesson "Tugas: foto produk Anda"."""
    doc = document()
    course = cf.course(
        cohort=cohort,
        title=title,
        modules=[
            (
                "Dasar",
                [
                    {
                        "title": "Cahaya alami",
                        "intro": "Memanfaatkan cahaya jendela",
                        "body": [
                            {"type": "paragraph", "value": "<p>Letakkan produk dekat jendela.</p>"},
                            {
                                "type": "worksheet",
                                "value": {
                                    "document": doc.pk,
                                    "title": "Daftar cek cahaya",
                                    "instructions": "Isi.",
                                },
                            },
                            {"type": "document", "value": {"document": doc.pk, "title": ""}},
                            quiz_block(pass_mark=pass_mark),
                        ],
                    },
                    {
                        "title": "Latar polos",
                        "body": [
                            {
                                "type": "paragraph",
                                "value": "<p>Gunakan kertas karton putih sebagai latar.</p>",
                            }
                        ],
                    },
                    {
                        "title": "Tugas: foto produk Anda",
                        "requires_submission": True,
                        "submission_instructions": "Unggah tiga foto produk Anda.",
                    },
                ],
            ),
        ],
    )
    # As course_create and the admin's after_create_page hook do: the cohort's trainers get the course.
    course_permissions_sync(cohort=cohort)
    course_workflow_ensure()
    return course


def lesson(course: CoursePage, title: str) -> LessonPage:
    return LessonPage.objects.descendant_of(course).get(title=title)


def module(course: CoursePage) -> ModulePage:
    return ModulePage.objects.child_of(course).first()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def participant(cohort, number: int = 0):
    return cohort.people[number][0]


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))
