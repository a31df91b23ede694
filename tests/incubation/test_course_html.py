"""The classroom pages pass the Nu HTML Checker (vnu) with no errors, quiz errors included."""

import pytest
from django.test import Client

from tests import realservices
from tests.incubation import cohort_factories as cf
from tests.incubation import course_factories as f
from tests.incubation.course_factories import QUESTION_1

pytestmark = [pytest.mark.vnu, pytest.mark.django_db]


def test_classroom_pages_have_no_html_errors(tmp_path):
    cohort = cf.cohort(participants=1)
    course = f.course_with_quiz(cohort=cohort)
    light = f.lesson(course, "Cahaya alami")
    participant = f.client_for(f.participant(cohort))
    trainer = f.client_for(cohort.trainers.first())
    pages = [
        ("classroom (anonymous)", Client().get("/kelas/")),
        ("classroom", participant.get("/kelas/")),
        ("course", participant.get(course.url)),
        ("course (trainer)", trainer.get(course.url)),
        ("module", participant.get(f.module(course).url)),
        ("lesson with quiz", participant.get(light.url)),
        ("lesson (trainer)", trainer.get(light.url)),
        ("assignment lesson", participant.get(f.lesson(course, "Tugas: foto produk Anda").url)),
        (
            "quiz errors",
            participant.post(f"/inkubasi/kelas/pelajaran/{light.pk}/kuis/", {f"answer-{QUESTION_1}": "5"}),
        ),
        ("search", participant.get("/inkubasi/kelas/cari/?q=cahaya")),
        ("403", f.client_for(cf.trainer()).get(light.url)),
    ]
    files = []
    for number, (name, response) in enumerate(pages):
        assert response.status_code == (403 if name == "403" else 200), name
        target = tmp_path / f"page-{number:02d}.html"
        target.write_bytes(response.content)
        files.append((name, target))
    errors = realservices.vnu_errors(files)
    assert errors == []
