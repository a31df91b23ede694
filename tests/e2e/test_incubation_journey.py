"""Acceptance journey of issue 5 (incubation), one continuous story through the real UI in Chromium:
a trainer writes a lesson with an assignment in the Wagtail admin and gets it published through the moderation
workflow; the participant opens it from the classroom, completes it and submits text plus a photo; the trainer
asks for a revision, the participant reads the feedback and resubmits, the trainer passes it; staff graduate
the participant by the cohort's rules; the graduate opens the certificate, anyone verifies it on the public
page; the graduate opens the alumni storefront, which waits in the curation queue with the alumni badge.

Factories only build the starting point: a decided round's cohort (one trainer, one participant business), a
course with one empty module, and a staff member. Every later step goes through the pages."""

import pytest
from wagtail.models import WorkflowState

from incubation.classroom.services import course_workflow_ensure
from incubation.cohorts.services import course_permissions_sync
from incubation.models import (
    AssignmentSubmission,
    Certificate,
    Enrollment,
    EnrollmentEvent,
    LessonPage,
    LessonProgress,
    SubmissionFile,
)
from shop.models import Storefront
from tests.e2e.axe import assert_no_serious_axe_violations
from tests.e2e.session import log_in, open_menu
from tests.factories import PASSWORD, image_bytes
from tests.incubation import cohort_factories as cf
from tests.incubation import graduation_factories as g

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LESSON_TITLE = "Tugas: foto kemasan kopi"
INSTRUCTIONS = "Foto kemasan produk Anda dengan cahaya jendela dan tuliskan cerita singkatnya."
FIRST_ANSWER = "Kopi robusta Wlingi, difoto di dekat jendela dengan latar kain batik."
REVISION_FEEDBACK = "Tambahkan berat bersih dan harga pada keterangan foto."
SECOND_ANSWER = "Kopi robusta Wlingi 200 g, Rp 35.000, difoto di dekat jendela dengan latar kain batik."
PASS_FEEDBACK = "Bagus, keterangan sudah lengkap. Lulus."


def _context(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _admin_log_in(page, base, email):
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/admin/")


def _open_admin_actions(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def test_incubation_journey_from_lesson_to_alumni_storefront(live_server, browser, tmp_path):
    base = live_server.url
    # --- Starting point: a decided round's cohort, its trainer and participant, a course with one module.
    trainer = cf.trainer(email="pelatih.perjalanan@contoh.test", first_name="Rina", last_name="Pelatih")
    cohort = cf.cohort(participants=1, trainers=[trainer], name="Angkatan 2026")
    course = cf.course(cohort=cohort, title="Foto Produk dengan Ponsel", modules=[("Dasar foto produk", [])])
    course_permissions_sync(cohort=cohort)  # as course_create and the admin's hooks do
    course_workflow_ensure()
    module = course.get_children().specific().get()
    participant, business = cohort.people[0]
    enrollment = Enrollment.objects.get(cohort=cohort, business=business)
    staff = g.staff()
    photo = tmp_path / "kemasan-kopi.png"
    photo.write_bytes(image_bytes("PNG", size=(64, 48)))
    assert not LessonPage.objects.exists()

    # === 1. The trainer writes the lesson in the admin and gets it published through the workflow.
    context, page = _context(browser)
    _admin_log_in(page, base, trainer.email)
    page.goto(f"{base}/admin/pages/{module.pk}/add_subpage/")
    page.wait_for_url(f"{base}/admin/pages/add/incubation/lessonpage/{module.pk}/")
    page.locator("#id_title").fill(LESSON_TITLE)
    page.locator("#id_intro").fill("Latihan memotret kemasan produk untuk toko daring.")
    page.locator("#id_requires_submission").check()
    page.locator("#id_submission_instructions").fill(INSTRUCTIONS)
    assert page.locator("button[name='action-publish']").count() == 0  # trainers never publish directly
    _open_admin_actions(page)
    page.get_by_role("button", name="Pengajuan ke Moderasi materi kelas").click()
    page.wait_for_url(f"{base}/admin/pages/{module.pk}/")  # saved: back to the module's explorer
    lesson = LessonPage.objects.get(title=LESSON_TITLE)
    assert lesson.get_parent().pk == module.pk
    assert not lesson.live  # waiting for approval: participants cannot see it yet
    assert lesson.current_workflow_state.status == "in_progress"
    page.goto(f"{base}/admin/pages/{lesson.pk}/edit/")
    # Nobody approves their own submission: staff approve the trainer's lesson.
    assert page.locator("button[data-workflow-action-name='approve']").count() == 0
    context.close()
    context, page = _context(browser)
    _admin_log_in(page, base, staff.email)
    page.goto(f"{base}/admin/pages/{lesson.pk}/edit/")
    approve = page.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    assert "Setujui dan Publikasikan" in approve.inner_text()
    _open_admin_actions(page)
    approve.click()
    page.wait_for_url(f"{base}/admin/pages/{module.pk}/")
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and lesson.requires_submission
    assert lesson.submission_instructions == INSTRUCTIONS
    assert WorkflowState.objects.get(object_id=str(lesson.pk)).status == WorkflowState.STATUS_APPROVED
    context.close()

    # === 2. The participant opens the lesson from the classroom, completes it and submits text + a photo.
    context, page = _context(browser)
    log_in(page, base, participant.email)
    page.goto(base + "/kelas/")
    assert_no_serious_axe_violations(page)  # the classroom
    page.get_by_role("link", name="Foto Produk dengan Ponsel").click()
    page.wait_for_url(base + course.url)
    assert page.locator("#course-progress").get_attribute("value") == "0"
    assert_no_serious_axe_violations(page)  # the course page
    page.get_by_role("link", name=f"Mulai belajar: {LESSON_TITLE}").click()
    page.wait_for_url(base + lesson.url)
    main = page.inner_text("main")
    assert LESSON_TITLE in main and INSTRUCTIONS in main
    assert "Belum dikumpulkan." in main
    assert_no_serious_axe_violations(page)  # the lesson with its assignment panel
    progress = LessonProgress.objects.get(enrollment=enrollment, lesson=lesson)
    assert progress.first_viewed_at is not None and progress.completed_at is None
    page.get_by_role("button", name="Tandai selesai").click()
    page.wait_for_url(base + course.url)  # the last lesson: back to the course overview
    assert "Pelajaran selesai." in page.locator(".messages").inner_text()
    assert page.locator("#course-progress").get_attribute("value") == "100"
    progress.refresh_from_db()
    assert progress.completed_at is not None and progress.completed_by_id == participant.pk
    page.goto(base + lesson.url)
    assert "✓ selesai" in page.inner_text("main")
    assert page.get_by_role("button", name="Tandai selesai").count() == 0
    page.get_by_role("link", name="Kumpulkan hasil kerja Anda").click()
    page.wait_for_url(f"{base}/inkubasi/tugas/{lesson.pk}/")
    assert INSTRUCTIONS in page.inner_text("main")
    assert_no_serious_axe_violations(page)  # the assignment form
    page.get_by_label("Jawaban Anda").fill(FIRST_ANSWER)
    page.get_by_label("Foto", exact=True).set_input_files(str(photo))
    page.get_by_role("button", name="Kirim", exact=True).click()
    assert "Hasil kerja Anda sudah dikirim" in page.locator(".messages").inner_text()
    assert "Menunggu diperiksa" in page.inner_text("main")
    first = AssignmentSubmission.objects.get(enrollment=enrollment, lesson=lesson)
    assert first.status == AssignmentSubmission.Status.SUBMITTED
    assert first.text == FIRST_ANSWER and first.submitted_by_id == participant.pk
    stored = SubmissionFile.objects.get(submission=first)
    assert stored.file.size > 0

    # === 3. The trainer reviews from the queue: a revision first, with feedback.
    trainer_context, trainer_page = _context(browser)
    log_in(trainer_page, base, trainer.email)
    trainer_page.goto(base + "/pelatih/tugas/")
    queue = trainer_page.inner_text("main")
    assert business.name in queue and LESSON_TITLE in queue
    assert_no_serious_axe_violations(trainer_page)  # the review queue
    trainer_page.get_by_role("link", name="Periksa", exact=True).click()
    trainer_page.wait_for_url(f"{base}/pelatih/tugas/{first.pk}/")
    assert FIRST_ANSWER in trainer_page.inner_text("main")
    assert_no_serious_axe_violations(trainer_page)  # the review page
    trainer_page.get_by_label("Minta revisi").check()
    trainer_page.get_by_label("Umpan balik untuk peserta").fill(REVISION_FEEDBACK)
    trainer_page.get_by_role("button", name="Simpan penilaian").click()
    assert "Penilaian Anda tersimpan" in trainer_page.locator(".messages").inner_text()
    first.refresh_from_db()
    assert first.status == AssignmentSubmission.Status.REVISION
    assert first.feedback == REVISION_FEEDBACK and first.reviewed_by_id == trainer.pk

    # === 4. The participant reads the feedback on the lesson and resubmits.
    page.goto(base + lesson.url)
    panel = page.locator(".assignment-panel").inner_text()
    assert "Perlu revisi" in panel and REVISION_FEEDBACK in panel
    page.get_by_role("link", name="Kirim revisi").click()
    page.wait_for_url(f"{base}/inkubasi/tugas/{lesson.pk}/")
    assert REVISION_FEEDBACK in page.inner_text("main")
    page.get_by_label("Jawaban Anda").fill(SECOND_ANSWER)
    page.get_by_label("Foto", exact=True).set_input_files(str(photo))
    page.get_by_role("button", name="Kirim", exact=True).click()
    assert "Hasil kerja Anda sudah dikirim" in page.locator(".messages").inner_text()
    second = AssignmentSubmission.objects.filter(enrollment=enrollment, lesson=lesson).latest("pk")
    assert second.pk != first.pk and second.text == SECOND_ANSWER

    # === 3 (again). The trainer passes the resubmission with feedback.
    trainer_page.goto(base + "/pelatih/tugas/")
    trainer_page.get_by_role("link", name="Periksa", exact=True).click()
    trainer_page.wait_for_url(f"{base}/pelatih/tugas/{second.pk}/")
    assert SECOND_ANSWER in trainer_page.inner_text("main")
    trainer_page.get_by_label("Lulus", exact=True).check()
    trainer_page.get_by_label("Umpan balik untuk peserta").fill(PASS_FEEDBACK)
    trainer_page.get_by_role("button", name="Simpan penilaian").click()
    assert "Penilaian Anda tersimpan" in trainer_page.locator(".messages").inner_text()
    second.refresh_from_db()
    assert second.status == AssignmentSubmission.Status.PASSED and second.feedback == PASS_FEEDBACK
    trainer_page.goto(base + "/pelatih/tugas/")
    assert business.name not in trainer_page.inner_text("main")  # nothing left to review
    trainer_context.close()

    # === 4 (again). The participant sees the pass and its feedback.
    page.goto(f"{base}/inkubasi/tugas/{lesson.pk}/")
    main = page.inner_text("main")
    assert PASS_FEEDBACK in main and REVISION_FEEDBACK in main  # the full history
    assert page.locator("section[aria-labelledby='status'] .badge").inner_text() == "Lulus"
    assert page.get_by_role("button", name="Kirim", exact=True).count() == 0  # passed: nothing to submit
    assert_no_serious_axe_violations(page)  # the assignment with its history

    # === 5. Staff graduate the participant by the rules (no session held yet: nothing to attend).
    staff_context, staff_page = _context(browser)
    log_in(staff_page, base, staff.email)
    open_menu(staff_page)
    staff_page.get_by_role("link", name="Angkatan (staf)").click()
    staff_page.get_by_role("link", name="Angkatan 2026").click()
    staff_page.wait_for_url(f"{base}/staf/inkubasi/{cohort.slug}/")
    row = staff_page.locator(f"#peserta-{enrollment.pk}")
    cells = row.inner_text()
    assert "Mengikuti\t1/1 (100%)\t1/1\t0/0 (100%)" in cells  # lessons, assignments, attendance
    assert "Kehadiran minimal 75%: belum ada sesi yang berlangsung" in cells  # nothing to attend yet
    assert row.get_by_role("link", name="Luluskan", exact=True).is_visible()  # eligible, not "manual"
    assert_no_serious_axe_violations(staff_page)  # the participants table
    staff_page.get_by_role("button", name="Luluskan 1 peserta yang memenuhi syarat").click()
    assert "1 peserta lulus" in staff_page.locator(".messages").inner_text()
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.GRADUATED
    assert enrollment.graduated_by_id == staff.pk and enrollment.graduation_note == ""  # by the rules
    assert list(enrollment.events.values_list("kind", flat=True)) == [EnrollmentEvent.Kind.GRADUATED]
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.code.startswith(f"AM-{cohort.year}-") and certificate.revoked_at is None
    assert certificate.code in staff_page.locator(f"#peserta-{enrollment.pk}").inner_text()

    # === 6. The graduate opens the certificate; a logged-out visitor follows its verification link.
    page.goto(base + "/inkubasi/sertifikat/")
    assert "Lulus" in page.locator("main .badge").first.inner_text()
    verify_path = page.get_by_role("link", name="halaman verifikasi publik").get_attribute("href")
    assert verify_path == f"/sertifikat/{certificate.code}/"
    page.get_by_role("link", name="Buka sertifikat").click()
    page.wait_for_url(f"{base}/inkubasi/sertifikat/{certificate.code}/")
    sheet = page.locator(".certificate").inner_text()
    assert certificate.code in sheet and business.name in sheet and verify_path in sheet
    assert page.locator(".certificate .qr svg").count() == 1
    assert_no_serious_axe_violations(page)  # the certificate
    visitor_context, visitor = _context(browser)
    visitor.goto(base + verify_path)
    assert visitor.locator("[data-state]").get_attribute("data-state") == "valid"
    verdict = visitor.inner_text("main")
    assert "Sertifikat sah" in verdict and business.name in verdict and "Angkatan 2026" in verdict
    assert_no_serious_axe_violations(visitor)  # the public verification page
    visitor_context.close()

    # === 7. The graduate opens the alumni storefront with the one action.
    page.goto(base + "/inkubasi/sertifikat/")
    page.get_by_role("button", name="Buka toko alumni saya").click()
    assert "menunggu kurasi" in page.locator(".messages").inner_text()
    storefront = Storefront.objects.select_related("business").get(business=business)
    assert storefront.status == Storefront.Status.PENDING
    assert storefront.business.alumni_year == cohort.year == 2026
    assert page.get_by_role("button", name="Buka toko alumni saya").count() == 0
    context.close()

    # === 8. Staff find it in the curation queue and see the alumni badge on its preview.
    staff_page.goto(base + "/staf/kurasi/")
    assert staff_page.get_by_role("heading", name="Toko yang menunggu kurasi").is_visible()
    waiting = staff_page.locator("li.card").filter(has=staff_page.get_by_role("link", name=business.name))
    assert waiting.count() == 1
    assert waiting.get_by_role("button", name="Setujui").is_visible()  # undecided: waits for curation
    assert_no_serious_axe_violations(staff_page)  # the curation queue
    staff_page.get_by_role("link", name=business.name).click()
    staff_page.wait_for_url(f"{base}/toko/{business.slug}/")
    assert staff_page.locator(".badge--alumni").inner_text() == "Alumni Adi Marko 2026"
    assert_no_serious_axe_violations(staff_page)  # the storefront preview
    staff_context.close()
