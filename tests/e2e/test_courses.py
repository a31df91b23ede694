"""Browser journey of the classroom: a participant opens the course, answers the quiz (a missing answer
first, then right, through HTMX), completes a lesson and resumes; a trainer submits a lesson to the admin's
moderation workflow and a co-trainer approves it. Every page passes axe-core."""

import pytest

from incubation.models import LessonPage, LessonProgress
from tests.e2e.axe import assert_no_serious_axe_violations
from tests.e2e.session import log_in
from tests.factories import PASSWORD
from tests.incubation import cohort_factories as cf
from tests.incubation import course_factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_participant_answers_the_quiz_and_resumes(live_server, page):
    base = live_server.url
    cohort = cf.cohort(participants=1, trainers=[cf.trainer(email="pelatih.uji@contoh.test")])
    course = f.course_with_quiz(cohort=cohort, pass_mark=100)
    participant = f.participant(cohort)

    page.goto(base + "/kelas/")
    assert "Masuk untuk melihat kelas Anda" in page.content()
    log_in(page, base, participant.email, "/kelas/")
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Foto Produk dengan Ponsel").click()
    page.wait_for_url(base + course.url)
    assert page.locator("#course-progress").get_attribute("value") == "0"
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Mulai belajar: Cahaya alami").click()
    light = f.lesson(course, "Cahaya alami")
    page.wait_for_url(base + light.url)
    assert_no_serious_axe_violations(page)

    # Only the first question answered: the quiz section comes back with the error, the answer kept.
    page.get_by_label("Cahaya jendela").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_text("Pilih jawaban.").wait_for()
    assert page.get_by_label("Cahaya jendela").is_checked()
    assert page.url == base + light.url  # swapped in place by HTMX, no navigation
    assert_no_serious_axe_violations(page)
    page.get_by_label("Tripod").check()
    page.get_by_label("Lensa bersih").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_text("Lulus: 100% benar.").wait_for()
    assert LessonProgress.objects.get(lesson=light).completed_at is not None

    page.get_by_role("link", name="Berikutnya: Latar polos →").click()
    page.get_by_role("button", name="Tandai selesai").click()
    page.wait_for_url(base + f.lesson(course, "Tugas: foto produk Anda").url)
    assert "Unggah tiga foto produk Anda." in page.content()
    page.goto(base + course.url)
    assert page.locator("#course-progress").get_attribute("value") == "67"  # 2 of 3, rounded
    assert page.get_by_role("link", name="Lanjutkan belajar: Tugas: foto produk Anda").is_visible()


def _admin_log_in(page, base, email):
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/admin/")


def test_a_trainer_publishes_a_lesson_through_the_workflow(live_server, page):
    base = live_server.url
    trainer = cf.trainer(email="pelatih.terbit@contoh.test")
    co_trainer = cf.trainer(email="pelatih.kedua@contoh.test")
    cohort = cf.cohort(participants=1, trainers=[trainer, co_trainer])
    course = f.course_with_quiz(cohort=cohort)
    lesson = f.lesson(course, "Tugas: foto produk Anda")

    _admin_log_in(page, base, trainer.email)
    page.goto(f"{base}/admin/pages/{lesson.pk}/edit/")
    page.locator("#id_title").fill("Tugas: tiga foto terbaik")
    # Trainers have no direct "Publish": the main action submits the lesson to the moderation workflow.
    assert page.locator("button[name='action-publish']").count() == 0
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()  # the action menu
    page.get_by_role("button", name="Pengajuan ke Moderasi materi kelas").click()
    page.wait_for_url(f"{base}/admin/pages/**")
    assert LessonPage.objects.get(pk=lesson.pk).title == "Tugas: foto produk Anda"  # waiting for approval
    page.goto(f"{base}/admin/pages/{lesson.pk}/edit/")
    # Nobody approves their own submission: the trainer is offered no approval; the co-trainer approves.
    assert page.locator("button[data-workflow-action-name='approve']").count() == 0
    page.context.clear_cookies()
    _admin_log_in(page, base, co_trainer.email)
    page.goto(f"{base}/admin/pages/{lesson.pk}/edit/")
    approve = page.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    assert "Setujui dan Publikasikan" in approve.inner_text()
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    approve.click()
    page.wait_for_url(f"{base}/admin/pages/**")
    page.wait_for_load_state()
    published = LessonPage.objects.get(pk=lesson.pk)
    assert published.live and published.title == "Tugas: tiga foto terbaik"
    page.context.clear_cookies()  # published, yet still not public
    page.goto(base + published.url)
    assert "/akun/masuk/" in page.url
