"""Browser journey of graduation: staff graduate the eligible participant and another one manually with a
reason; the graduate prints the certificate and opens the alumni storefront; anyone verifies the certificate;
the storefront waits in the curation queue. Plus the Nu HTML Checker on the graduation pages."""

import pytest
from django.test import Client
from django.urls import reverse

from incubation.models import Certificate, Enrollment
from shop.models import Storefront
from tests import realservices
from tests.e2e.axe import assert_no_serious_axe_violations
from tests.e2e.session import log_in, open_menu
from tests.incubation import cohort_factories as f
from tests.incubation import graduation_factories as g


def _context(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_graduate_print_verify_and_open_the_alumni_storefront(live_server, browser):
    base = live_server.url
    cohort, lessons = g.course_cohort(participants=2)
    done, behind = cohort.enrollments.order_by("pk")
    held = g.sessions(cohort, held=2)
    g.finish_everything(done, lessons, held)
    g.complete(behind, lessons[:1])
    staff = g.staff()

    # --- Staff: the dashboard, then graduate the eligible participant and the other one manually.
    context, page = _context(browser)
    log_in(page, base, staff.email)
    open_menu(page)
    page.get_by_role("link", name="Angkatan (staf)").click()
    page.get_by_role("link", name="Angkatan 2026").click()
    page.get_by_role("link", name="Dasbor", exact=True).click()
    assert "Rata-rata kemajuan pelajaran" in page.content()
    assert_no_serious_axe_violations(page)  # the organiser dashboard
    page.get_by_role("link", name="Peserta").first.click()
    assert_no_serious_axe_violations(page)  # the participants table
    page.get_by_role("button", name="Luluskan 1 peserta yang memenuhi syarat").click()
    assert "1 peserta lulus" in page.locator(".messages").inner_text()
    page.locator(f"#peserta-{behind.pk}").get_by_role("link", name="Luluskan manual").click()
    page.get_by_role("button", name="Luluskan manual dan terbitkan sertifikat").click()
    assert "Tuliskan alasan meluluskan" in page.content()  # no reason: refused, nothing lost
    page.get_by_label("Alasan meluluskan secara manual").fill("Sakit saat dua sesi, materi dikejar lewat WA")
    page.get_by_role("button", name="Luluskan manual dan terbitkan sertifikat").click()
    assert "Sertifikat AM-2026-" in page.locator(".messages").inner_text()
    assert set(cohort.enrollments.values_list("status", flat=True)) == {Enrollment.Status.GRADUATED}
    context.close()

    # --- The graduate: My incubation → certificate → alumni storefront.
    certificate = Certificate.objects.get(enrollment=done)
    context, page = _context(browser)
    log_in(page, base, g.member(done).email)
    page.goto(base + reverse("certificate_mine"))
    page.get_by_role("link", name="Buka sertifikat").click()
    assert certificate.code in page.locator(".certificate").inner_text()
    assert page.locator(".certificate .qr svg").count() == 1
    assert_no_serious_axe_violations(page)  # the printable certificate
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Buka toko alumni saya").click()
    assert "menunggu kurasi" in page.locator(".messages").inner_text()
    context.close()

    # --- Anyone: the public verification page says valid.
    context, page = _context(browser)
    page.goto(base + reverse("certificate_lookup"))
    page.get_by_label("Kode sertifikat").fill(certificate.code.lower())
    page.get_by_role("button", name="Periksa").click()
    assert page.locator("[data-state]").get_attribute("data-state") == "valid"
    assert "Sertifikat sah" in page.content() and done.business.name in page.content()
    assert_no_serious_axe_violations(page)  # the verification page
    page.goto(base + "/sertifikat/AM-2026-ZZZZ-ZZZZ/")
    assert "Sertifikat tidak ditemukan" in page.content()
    context.close()

    # --- The storefront waits for curation, marked as alumni of 2026.
    storefront = Storefront.objects.select_related("business").get(business=done.business)
    assert storefront.status == Storefront.Status.PENDING
    assert storefront.business.alumni_year == 2026
    context, page = _context(browser)
    log_in(page, base, staff.email)
    page.goto(base + "/staf/kurasi/")
    assert done.business.name in page.content()
    context.close()


@pytest.mark.vnu
@pytest.mark.django_db
def test_graduation_pages_have_no_html_errors(tmp_path):
    cohort, enrollment, certificate = g.graduated(participants=2)
    g.sessions(cohort, held=1, upcoming=1)
    ready_round, _ = f.accepted_round(participants=1, title="Audisi Adi Marko 2028")
    staff = g.staff()
    client = Client()
    client.force_login(staff)
    pages = {
        "cohort list": (reverse("cohort_list"), 200),
        "cohort detail": (reverse("cohort_detail", args=[cohort.slug]), 200),
        "cohort edit": (reverse("cohort_edit", args=[cohort.slug]), 200),
        "cohort create": (reverse("cohort_create", args=[ready_round.pk]), 200),
        "dashboard": (reverse("cohort_dashboard", args=[cohort.slug]), 200),
        "manual graduation": (
            reverse("cohort_enrollment_graduate", args=[g.other_enrollment(cohort, enrollment).pk]),
            200,
        ),
        "revoke": (reverse("cohort_certificate_revoke", args=[certificate.code]), 200),
        "certificate": (reverse("certificate_detail", args=[certificate.code]), 200),
        "my incubation": (reverse("certificate_mine"), 200),
        "verify": (reverse("certificate_verify", args=[certificate.code]), 200),
        "verify not found": ("/sertifikat/AM-2026-ZZZZ-ZZZZ/", 404),
        "lookup": (reverse("certificate_lookup"), 200),
    }
    files = []
    for name, (path, status) in pages.items():
        response = client.get(path)
        assert response.status_code == status, name
        target = tmp_path / f"{len(files):02d}.html"
        target.write_bytes(response.content)
        files.append((name, target))
    errors = realservices.vnu_errors(files)
    assert errors == []
