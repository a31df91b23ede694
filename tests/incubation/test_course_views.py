"""The classroom pages: progress bar, resume link, completion, quiz form (also under HTMX), trainers'
participant table, header link."""

import pytest
from django.test import Client

from incubation.classroom.services import lesson_complete, lesson_open
from incubation.models import LessonProgress
from tests.factories import UserFactory
from tests.incubation import cohort_factories as cf
from tests.incubation import course_factories as f
from tests.incubation.course_factories import QUESTION_1, QUESTION_2

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_setup():
    cohort = cf.cohort(participants=2)
    return cohort, f.course_with_quiz(cohort=cohort)


def test_the_course_page_shows_progress_marks_and_the_resume_link(course_setup):
    cohort, course = course_setup
    user = f.participant(cohort)
    backdrop = f.lesson(course, "Latar polos")
    lesson_complete(lesson=f.lesson(course, "Tugas: foto produk Anda"), user=user)
    lesson_open(lesson=backdrop, user=user)
    html = f.client_for(user).get(course.url).content.decode()
    assert '<progress id="course-progress" max="100" value="33">' in html
    assert "1 dari 3 pelajaran selesai" in html
    assert f'<a class="button" href="{backdrop.url}">Lanjutkan belajar: Latar polos</a>' in html
    assert html.count("✓ selesai") == 1
    assert "Kemajuan peserta" not in html  # participants do not see each other


def test_completing_a_lesson_moves_to_the_next_one(course_setup):
    cohort, course = course_setup
    client = f.client_for(f.participant(cohort))
    backdrop, assignment = f.lesson(course, "Latar polos"), f.lesson(course, "Tugas: foto produk Anda")
    html = client.get(backdrop.url).content.decode()
    assert f'href="{f.lesson(course, "Cahaya alami").url}" rel="prev"' in html
    assert f'href="{assignment.url}" rel="next"' in html
    response = client.post(f"/inkubasi/kelas/pelajaran/{backdrop.pk}/selesai/")
    assert response.status_code == 302 and response["Location"] == assignment.url
    assert LessonProgress.objects.get(lesson=backdrop).completed_at is not None
    assert "Tandai selesai" not in client.get(backdrop.url).content.decode()


def test_a_quiz_lesson_has_no_complete_button_and_refuses_completion(course_setup):
    cohort, course = course_setup
    client = f.client_for(f.participant(cohort))
    light = f.lesson(course, "Cahaya alami")
    assert "Tandai selesai" not in client.get(light.url).content.decode()
    response = client.post(f"/inkubasi/kelas/pelajaran/{light.pk}/selesai/", follow=True)
    assert "Lulus kuis dulu untuk menyelesaikan pelajaran ini." in response.content.decode()
    assert LessonProgress.objects.get(lesson=light).completed_at is None


@pytest.mark.parametrize("htmx", [False, True])
def test_tampered_quiz_answers_are_reshown_with_errors(course_setup, htmx):
    cohort, course = course_setup
    client = f.client_for(f.participant(cohort))
    light = f.lesson(course, "Cahaya alami")
    headers = {"HX-Request": "true"} if htmx else {}
    url = f"/inkubasi/kelas/pelajaran/{light.pk}/kuis/"
    client.post(url, {f"answer-{QUESTION_1}": "0", f"answer-{QUESTION_2}": "1"}, headers=headers)  # 0%
    response = client.post(
        url,
        {f"answer-{QUESTION_1}": "9", f"answer-{QUESTION_2}": ["0", "2"], "answer-palsu": "1"},
        headers=headers,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jawaban tidak sesuai dengan kuis ini" in html
    assert "Jawaban ini bukan salah satu pilihan." in html
    assert (
        f'value="0" id="q-{QUESTION_2}-0" checked' in html
        and f'value="2" id="q-{QUESTION_2}-2" checked' in html
    )
    progress = LessonProgress.objects.get(lesson=light)
    assert (progress.quiz_score, progress.completed_at) == (0, None)


def test_a_passed_quiz_shows_the_result_and_completes_the_lesson(course_setup):
    cohort, course = course_setup
    client = f.client_for(f.participant(cohort))
    light = f.lesson(course, "Cahaya alami")
    response = client.post(
        f"/inkubasi/kelas/pelajaran/{light.pk}/kuis/",
        {f"answer-{QUESTION_1}": "1", f"answer-{QUESTION_2}": ["0", "2"]},
    )
    html = response.content.decode()
    assert "Lulus: 100% benar." in html
    assert "Cahaya jendela lembut dan merata." in html  # the explanation
    assert LessonProgress.objects.get(lesson=light).completed_at is not None


def test_people_who_may_not_participate_cannot_post_progress(course_setup):
    cohort, course = course_setup
    light = f.lesson(course, "Latar polos")
    url = f"/inkubasi/kelas/pelajaran/{light.pk}/selesai/"
    assert f.client_for(UserFactory()).post(url).status_code == 403
    assert f.client_for(cohort.trainers.first()).post(url).status_code == 403
    assert Client().post(url)["Location"].startswith("/akun/masuk/")
    assert not LessonProgress.objects.exists()


def test_trainers_see_each_participants_progress_on_the_course_page(course_setup):
    cohort, course = course_setup
    lesson_complete(lesson=f.lesson(course, "Latar polos"), user=f.participant(cohort))
    html = f.client_for(cohort.trainers.first()).get(course.url).content.decode()
    assert "Kemajuan peserta" in html
    first, second = (business.name for _user, business in cohort.people)
    assert f'<th scope="row">{first}</th><td>1/3 (33%)</td>' in html
    assert f'<th scope="row">{second}</th><td>0/3 (0%)</td>' in html
    assert "Lanjutkan belajar" not in html


def test_the_header_links_to_the_classroom_for_people_with_courses(course_setup):
    cohort, _course = course_setup
    link = '<a href="/kelas/">Kelas</a>'
    assert link in f.client_for(f.participant(cohort)).get("/").content.decode()
    assert link in f.client_for(cohort.trainers.first()).get("/").content.decode()
    assert link not in f.client_for(UserFactory()).get("/").content.decode()
    assert link not in Client().get("/").content.decode()


def test_the_course_page_reads_a_fixed_number_of_queries(course_setup):
    """More lessons and more progress rows do not add queries (no N+1)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from incubation.classroom.quiz import lesson_quiz

    cohort, course = course_setup
    trainer = f.client_for(cohort.trainers.first())
    participant = f.client_for(f.participant(cohort))

    def queries(client):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(course.url).status_code == 200
        return len(captured)

    queries(trainer), queries(participant)  # warm Wagtail's per-process caches (sites, content types)
    before = (queries(trainer), queries(participant))
    module = f.module(course)
    for lesson in f.lessons_of(course):
        lesson.copy(to=module, update_attrs={"slug": f"salinan-{lesson.slug}", "title": f"{lesson.title} 2"})
    for user, _business in cohort.people:
        for lesson in f.lessons_of(course):
            if lesson_quiz(lesson) is None:
                lesson_complete(lesson=lesson, user=user)
    assert len(f.lessons_of(course)) == 6
    assert LessonProgress.objects.count() == 8
    assert (queries(trainer), queries(participant)) == before


def test_the_classroom_shows_the_participants_progress_in_the_cohort(course_setup):
    cohort, course = course_setup
    user = f.participant(cohort)
    lesson_complete(lesson=f.lesson(course, "Latar polos"), user=user)
    html = f.client_for(user).get("/kelas/").content.decode()
    assert "Kemajuan Anda di Angkatan 2026" in html
    assert "1 dari 3 pelajaran wajib selesai" in html
    assert f'<progress id="cohort-progress-{cohort.slug}" max="100" value="33">' in html
    assert "Kemajuan Anda" not in f.client_for(cohort.trainers.first()).get("/kelas/").content.decode()


def test_the_classroom_answers_in_english_and_the_header_link_follows_the_language(course_setup):
    # Issue 17: /en/kelas/ answered 404 and the English "Classes" link went to /kelas/.
    from incubation.demo_courses import _classroom

    cohort, course = course_setup
    _classroom()  # the demo's classroom: the Indonesian one and its English translation
    client = f.client_for(f.participant(cohort))
    assert '<a href="/en/kelas/">Classes</a>' in client.get("/en/").content.decode()
    assert '<a href="/kelas/">Kelas</a>' in client.get("/").content.decode()
    response = client.get("/en/kelas/")
    assert response.status_code == 200
    html = response.content.decode()
    # The same courses as /kelas/, written in Indonesian (their pages stay under /kelas/)
    assert f'<a href="{course.url}">{course.title}</a>' in html
    assert "The course material is written in Indonesian." in html
    assert "Materi kelas" not in client.get("/kelas/").content.decode()
    switcher = html.split('class="lang-switch"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/kelas/" hreflang="id"' in switcher
