"""Browser journey of assignments and mentoring: a participant submits an assignment (a bad file first: the
error is shown and the text kept), the trainer asks for a revision with feedback, the participant reads it;
the participant checks in to a running session through the trainer's QR URL."""

from datetime import timedelta

import pytest
from django.utils import timezone

from incubation.models import AssignmentSubmission, Attendance
from tests.e2e.axe import assert_no_serious_axe_violations
from tests.e2e.session import log_in, new_page, open_menu
from tests.factories import image_bytes
from tests.incubation import coaching_factories as cf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_submit_an_assignment_get_feedback_and_check_in(live_server, page, browser, tmp_path):
    base = live_server.url
    room = cf.Classroom(participants=1)
    session = cf.session(
        cohort=room.cohort, by=room.trainer, starts_at=timezone.now() - timedelta(minutes=10), mode="online"
    )
    fake = tmp_path / "foto-produk.jpg"
    fake.write_bytes(b"ini bukan foto")
    good = tmp_path / "kopi.png"
    good.write_bytes(image_bytes("PNG", size=(64, 48)))

    # --- The participant submits: a renamed non-image first, then a real photo.
    log_in(page, base, room.user.email)
    page.goto(f"{base}/inkubasi/tugas/{room.lesson.pk}/")
    assert "Unggah tiga foto produk Anda." in page.inner_text("main")
    page.get_by_label("Jawaban Anda").fill("Foto kopi robusta dengan latar kain batik.")
    page.get_by_label("Foto", exact=True).set_input_files(str(fake))
    page.get_by_role("button", name="Kirim").click()
    error = page.locator(".field.has-error .error").first.inner_text()
    assert error.startswith("foto-produk.jpg: ")
    assert "Tidak ada yang disimpan" in page.locator(".form-errors").inner_text()
    assert page.get_by_label("Jawaban Anda").input_value() == "Foto kopi robusta dengan latar kain batik."
    assert AssignmentSubmission.objects.count() == 0
    assert_no_serious_axe_violations(page)  # the assignment form showing a field error
    page.get_by_label("Foto", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Kirim").click()
    assert "Hasil kerja Anda sudah dikirim" in page.locator(".messages").inner_text()
    assert "Menunggu diperiksa" in page.inner_text("main")

    # --- The trainer reviews from the queue and asks for a revision.
    trainer_page = new_page(browser)
    log_in(trainer_page, base, room.trainer.email)
    open_menu(trainer_page)
    trainer_page.get_by_role("link", name="Pelatih", exact=True).first.click()
    trainer_page.get_by_role("link", name="Periksa tugas").click()
    trainer_page.get_by_role("link", name="Periksa", exact=True).click()
    assert "Foto kopi robusta" in trainer_page.inner_text("main")
    assert_no_serious_axe_violations(trainer_page)  # the review page
    trainer_page.get_by_label("Minta revisi").check()
    trainer_page.get_by_label("Umpan balik untuk peserta").fill("Tambahkan berat bersih dan harga.")
    trainer_page.get_by_role("button", name="Simpan penilaian").click()
    assert "Penilaian Anda tersimpan" in trainer_page.locator(".messages").inner_text()

    # --- The trainer shows the check-in QR; the participant opens its URL.
    trainer_page.goto(f"{base}/pelatih/sesi/{session.pk}/qr/")
    assert trainer_page.locator("#checkin-qr svg").count() == 1
    checkin_url = trainer_page.locator("#checkin-qr code").inner_text()
    assert checkin_url.startswith(f"{base}/inkubasi/sesi/hadir/")
    trainer_page.context.close()

    page.goto(f"{base}/inkubasi/tugas/{room.lesson.pk}/")
    main = page.inner_text("main")
    assert "Perlu revisi" in main
    assert "Tambahkan berat bersih dan harga." in main
    assert page.get_by_role("button", name="Kirim").count() == 1  # a revision may be submitted

    page.goto(checkin_url)
    assert "Presensi Anda tercatat" in page.inner_text("main")
    assert Attendance.objects.filter(session=session, enrollment=room.enrollment, method="qr").count() == 1
    page.goto(f"{base}/inkubasi/sesi/")
    assert "hadir" in page.inner_text("main")
    assert_no_serious_axe_violations(page)  # the participant's sessions
