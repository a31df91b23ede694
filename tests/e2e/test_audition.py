"""Browser journey of the audition: an applicant signs up, registers the business, fills the multi-step
form with uploads (a bad one first), saves a draft and submits; a jury scores; staff decide; the applicant
reads the decision and the feedback."""

import re

import pytest
from django.core import mail

from adimarko.core.roles import Role
from incubation.audition.services.applications import application_screen
from incubation.audition.services.jury import jury_assign
from incubation.models import Application, Status
from tests.e2e.axe import assert_no_serious_axe_violations
from tests.e2e.session import log_in, new_page, open_menu
from tests.factories import PASSWORD, UserFactory, image_bytes
from tests.incubation.factories import PDF_BYTES, open_now_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_apply_score_decide_and_read_the_feedback(live_server, page, browser, tmp_path):
    base = live_server.url
    round = open_now_round(title="Audisi Adi Marko Uji", blind_review=True)
    juror = UserFactory(email="juri.uji@contoh.test", roles=(Role.JURY,))
    staff = UserFactory(email="staf.uji@contoh.test", roles=(Role.STAFF,))

    # --- The applicant signs up and registers the business.
    page.goto(base + "/akun/daftar/")
    page.get_by_label("Nama depan").fill("Siti")
    page.get_by_label("Alamat email").fill("siti.ikm@contoh.test")
    page.get_by_label(re.compile(r"^Kata sandi")).fill(PASSWORD)
    page.get_by_label("Konfirmasi kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Daftar").click()
    page.wait_for_url(base + "/akun/profil/")
    page.goto(base + "/usaha/baru/")
    page.get_by_label("Nama usaha").fill("Keripik Tempe Bu Siti")
    page.get_by_label("NIB").fill("9120000009999")
    page.get_by_label("Nomor WhatsApp").fill("0812 3456 7890")
    page.get_by_label("Alamat jalan").fill("Jl. Kenanga No. 3")
    page.get_by_label("Desa/kelurahan").select_option("35.05.17.1001")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(re.compile(r"/usaha/.+/ubah/$"))

    # --- From the audition page to a draft.
    open_menu(page)
    page.get_by_role("link", name="Audisi", exact=True).first.click()
    page.get_by_role("link", name="Daftar sekarang").click()
    page.get_by_role("button", name="Mulai lamaran saya").click()
    page.wait_for_url(re.compile(r"/langkah/usaha/$"))
    page.get_by_label("Nama lengkap pemilik").fill("Siti Aminah")
    page.get_by_label("NIK pemilik").fill("12345")
    page.get_by_role("button", name="Simpan draf").click()
    assert (
        page.locator(".field .error").first.inner_text()
        == "Masukkan 16 digit NIK persis seperti tertulis di KTP."
    )
    assert_no_serious_axe_violations(page)  # the application form, showing a field error
    page.get_by_label("NIK pemilik").fill("3505014101900001")
    page.get_by_label("Usaha dimulai sejak").fill("2020-05-01")
    page.get_by_role("button", name="Simpan draf").click()
    assert "Draf Anda telah disimpan." in page.locator(".messages").inner_text()
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.wait_for_url(re.compile(r"/langkah/produk/$"))
    page.get_by_label("Produk utama").fill("Keripik tempe original")
    page.get_by_label("Deskripsi produk").fill("Keripik tempe tipis dan renyah.")
    page.get_by_label("Kategori").select_option("snack")
    page.get_by_label("Harga (Rp)").fill("15000")
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.wait_for_url(re.compile(r"/langkah/pemasaran/$"))
    page.get_by_label("Di mana Anda berjualan online saat ini?").select_option("social")
    page.get_by_label("Saya punya ponsel pintar").check()
    page.get_by_label("Mengapa Anda ingin ikut Adi Marko?").fill("Ingin berjualan di marketplace.")
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.wait_for_url(re.compile(r"/langkah/dokumen/$"))

    # A bad upload is refused with a clear error; the draft stays.
    fake = tmp_path / "foto.jpg"
    fake.write_bytes(b"this is not an image")
    page.get_by_label("Foto produk").set_input_files(str(fake))
    page.get_by_role("button", name="Unggah dan periksa").click()
    assert (
        "Foto produk: Berkas ini bukan gambar yang sah." in page.locator(".field .error").first.inner_text()
    )
    application = Application.objects.get(business__nib="9120000009999")
    assert application.product_name == "Keripik tempe original" and application.documents.count() == 0

    pdf, photo = tmp_path / "nib.pdf", tmp_path / "produk.png"
    pdf.write_bytes(PDF_BYTES)
    photo.write_bytes(image_bytes())
    page.get_by_label("Sertifikat NIB").set_input_files(str(pdf))
    page.get_by_label("Foto produk").set_input_files(str(photo))
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.wait_for_url(re.compile(rf"/audisi/lamaran/{application.pk}/$"))
    page.get_by_role("button", name="Kirim lamaran").click()
    page.get_by_role("button", name="Ya, kirim lamaran").click()  # the confirmation step
    assert "Lamaran Anda telah dikirim." in page.locator(".messages").inner_text()
    assert page.locator(".badge").first.inner_text() == "Terkirim"
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert [m.to for m in mail.outbox] == [["siti.ikm@contoh.test"]]

    # --- Staff screen and assign (services); the jury scores in the browser, blind.
    application = application_screen(application=application, eligible=True, by=staff)
    assignment = jury_assign(application=application, jury=juror, by=staff)
    jury_page = new_page(browser)
    log_in(jury_page, base, "juri.uji@contoh.test")
    jury_page.goto(base + "/juri/")
    assert "Keripik Tempe Bu Siti" not in jury_page.content()
    jury_page.get_by_role("link", name="Nilai", exact=True).click()
    jury_page.wait_for_url(base + f"/juri/lamaran/{assignment.pk}/")
    assert "Keripik Tempe Bu Siti" not in jury_page.content() and "Siti Aminah" not in jury_page.content()
    jury_page.get_by_label("Kualitas produk (40%)").fill("6")
    jury_page.get_by_label("Kesiapan pemasaran (35%)").fill("3")
    jury_page.get_by_label("Potensi pasar (25%)").fill("4")
    jury_page.get_by_role("button", name="Simpan nilai").click()
    assert "Nilai harus antara 1 dan 5." in jury_page.locator(".field .error").first.inner_text()
    jury_page.get_by_label("Kualitas produk (40%)").fill("5")
    jury_page.get_by_label("Komentar untuk Kualitas produk").fill("Rasa khas, kemasan perlu label.")
    jury_page.get_by_role("button", name="Simpan nilai").click()
    jury_page.wait_for_url(base + "/juri/")
    assert "81,00" in jury_page.content()  # Indonesian decimal comma

    # --- Staff decide from the ranking.
    staff_page = new_page(browser)
    log_in(staff_page, base, "staf.uji@contoh.test")
    staff_page.goto(base + f"/staf/audisi/{round.pk}/peringkat/")
    assert "81,00" in staff_page.content()
    staff_page.get_by_label(application.code).check()
    staff_page.get_by_label("Keputusan").select_option("accepted")
    staff_page.get_by_label("Kode alasan").select_option("top_score")
    staff_page.get_by_label("Pesan", exact=True).fill(
        "Selamat {business}! Perbaiki label kemasan sebelum kelas pertama."
    )
    staff_page.get_by_role("button", name="Simpan keputusan dan kirim email ke pendaftar").click()
    assert "1 lamaran diputuskan: Diterima." in staff_page.locator(".messages").inner_text()

    # --- The applicant sees the decision and the feedback.
    page.goto(base + f"/audisi/lamaran/{application.pk}/")
    feedback = page.locator(".feedback").inner_text()
    assert "Diterima" in feedback
    assert "Selamat Keripik Tempe Bu Siti! Perbaiki label kemasan sebelum kelas pertama." in feedback
    assert_no_serious_axe_violations(page)  # the application page with decision and history
    assert [h for h in page.locator(".history li strong").all_inner_texts()] == [
        "Draf",
        "Terkirim",
        "Memenuhi syarat, sedang dinilai",
        "Diterima",
    ]
    assert mail.outbox[-1].to == ["siti.ikm@contoh.test"]
    jury_page.context.close()
    staff_page.context.close()
