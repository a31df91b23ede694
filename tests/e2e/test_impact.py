"""Browser journey of the programme's impact (issue 8): staff open the dashboard from the header, filter it
through the form, follow a funnel number to the businesses behind it and on to one business's journey, and
download the XLSX for the smart-city assessors; axe-core on every page, at desktop and phone widths. Plus the
Nu HTML Checker on the three staff pages in their key states.

Strings are looked up through the Indonesian catalogue, so the test reads the page as an Indonesian user does
whatever the state of the translations."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from tests import realservices
from tests.adimarko.reporting import staff_data as d
from tests.e2e.axe import assert_no_serious_axe_violations
from tests.e2e.session import log_in, new_page, open_menu
from tests.factories import staff_user


def in_id(message: str) -> str:
    with translation.override("id"):
        return gettext(message)


def _numbers(page, selector: str) -> list[str]:
    return [text.strip() for text in page.locator(selector).all_inner_texts()]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_follow_the_impact_from_the_dashboard_to_one_business(live_server, browser, tmp_path):
    data = d.scenario()
    base = live_server.url
    page = new_page(browser)
    log_in(page, base, data.staff.email)

    # --- The dashboard, from the header's account menu.
    open_menu(page)
    page.get_by_role("link", name=in_id("Programme impact"), exact=True).click()
    page.wait_for_url(base + "/staf/dampak/")
    assert page.get_by_role("heading", level=1).inner_text() == in_id("Programme impact")
    totals = page.locator("#funnel tfoot tr").first
    assert _numbers(page, "#funnel tfoot td.num") == ["7", "6", "4", "3", "2"]
    assert totals.locator("th").inner_text() == in_id("All rounds")
    assert_no_serious_axe_violations(page)

    # --- Filter through the form: round 2025 and snacks.
    page.get_by_label(in_id("Audition round"), exact=True).select_option(label="Audisi Adi Marko 2025")
    page.get_by_label(in_id("Sector"), exact=True).select_option("snack")
    page.get_by_role("button", name=in_id("Show"), exact=True).click()
    page.wait_for_url(re.compile(r".*/staf/dampak/\?.*sector=snack"))
    rows = page.locator("#funnel tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("th").inner_text() == "Audisi Adi Marko 2025"
    # A and E applied for snacks in 2025: E was not eligible; A graduated and sold twice (60.000).
    assert _numbers(page, "#funnel tbody td.num") == ["2", "1", "1", "1", "1"]
    assert "Rp 60.000" in page.locator("#sales").inner_text()
    assert "Audisi Adi Marko 2025" in page.locator(".filters-used").inner_text()
    assert_no_serious_axe_violations(page)

    # --- A wrong period is refused next to the field; the figures stay unfiltered.
    page.get_by_label(in_id("From"), exact=True).fill("2026-12-31")
    page.get_by_label(in_id("Until"), exact=True).fill("2026-01-01")
    page.get_by_role("button", name=in_id("Show"), exact=True).click()
    page.wait_for_load_state()
    end_field = page.locator(".field", has=page.get_by_label(in_id("Until"), exact=True))
    assert in_id("The end of the period is before its start.") in end_field.inner_text()
    assert _numbers(page, "#funnel tfoot td.num") == ["7", "6", "4", "3", "2"]
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name=in_id("Clear filters")).click()
    page.wait_for_url(base + "/staf/dampak/")

    # --- A funnel number opens the businesses behind it: round 2025's graduates.
    row_2025 = page.locator("#funnel tbody tr", has=page.locator("th", has_text="Audisi Adi Marko 2025"))
    row_2025.get_by_role("link").nth(3).click()
    page.wait_for_url(re.compile(r".*/staf/dampak/usaha/\?stage=graduated.*"))
    assert in_id("Graduated") in page.get_by_role("heading", level=1).inner_text()
    names = [name.strip() for name in page.locator("main table tbody th").all_inner_texts()]
    assert names == ["Keripik Tempe Bu Sri", "Kopi Robusta Pak Dwi"]
    assert_no_serious_axe_violations(page)

    # --- One business's journey: application, cohort, certificate, storefront, sales.
    page.get_by_role("link", name="Keripik Tempe Bu Sri").click()
    page.wait_for_url(base + reverse("impact_business", args=[data.businesses["A"].slug]))
    journey = page.locator("main").inner_text()
    assert "Audisi Adi Marko 2025" in journey and "Angkatan 2025" in journey
    assert "Alumni Adi Marko 2025" in journey and "Rp 40.000" in journey and "Rp 20.000" in journey
    assert page.locator("main a[href^='/sertifikat/AM-2025-']").count() == 1
    assert_no_serious_axe_violations(page)

    # --- The XLSX download opens, with the smart-city tables.
    page.get_by_role("link", name=in_id("Programme impact")).first.click()
    page.wait_for_url(base + "/staf/dampak/")
    with page.expect_download() as event:
        page.get_by_role("link", name=in_id("Download XLSX")).click()
    download = event.value
    assert re.fullmatch(r"dampak-adi-marko-\d{8}\.xlsx", download.suggested_filename)
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    workbook = load_workbook(target)
    assert workbook.sheetnames == [
        in_id(name) for name in ("Information", "Baseline", "Output", "Outcome", "Impact", "Kecamatan")
    ]
    b1 = next(row for row in workbook[in_id("Baseline")].iter_rows(values_only=True) if row[0] == "B1")
    assert b1[3:6] == (5, 2, 7)

    # --- The same pages on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        "/staf/dampak/",
        f"/staf/dampak/usaha/?stage=applicants&round_id={data.rounds[2025].pk}",
        reverse("impact_business", args=[data.businesses["A"].slug]),
    ):
        page.goto(base + path)
        assert_no_serious_axe_violations(page)
    page.context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_empty_dashboard_is_accessible(live_server, page):
    """Before the first round: empty states, no error, at phone width (the `page` fixture)."""
    staff = staff_user()
    log_in(page, live_server.url, staff.email, next_path="/staf/dampak/")
    assert in_id("No audition round matches these filters.") in page.locator("main").inner_text()
    assert in_id("No sales in this period.") in page.locator("main").inner_text()
    assert page.locator("#kecamatan tbody tr").count() == 22
    assert_no_serious_axe_violations(page)


@pytest.mark.vnu
@pytest.mark.django_db
def test_impact_pages_have_no_html_errors(tmp_path):
    data = d.scenario()
    client = Client()
    client.force_login(data.staff)
    a = data.businesses["A"]
    pages = {
        "dashboard": ("/staf/dampak/", {}),
        "dashboard filtered": ("/staf/dampak/", {"round": data.rounds[2025].pk, "sector": "snack"}),
        "dashboard with errors": (
            "/staf/dampak/",
            {"cohort": "x", "start": "2026-12-31", "end": "2026-01-01"},
        ),
        "dashboard, nothing found": ("/staf/dampak/", {"start": "2030-01-01"}),
        "dashboard in English": ("/en/staf/dampak/", {}),
        "businesses": (
            "/staf/dampak/usaha/",
            {"stage": "graduated", "kecamatan": d.kecamatan_code("Wlingi")},
        ),
        "businesses, none": ("/staf/dampak/usaha/", {"stage": "active_sellers", "start": "2030-01-01"}),
        "journey of an alumna": (reverse("impact_business", args=[a.slug]), {}),
        "journey of an applicant": (reverse("impact_business", args=[data.businesses["E"].slug]), {}),
    }
    files = []
    for name, (path, query) in pages.items():
        response = client.get(path, query)
        assert response.status_code == 200, name
        target = tmp_path / f"{len(files):02d}.html"
        target.write_bytes(response.content)
        files.append((name, target))
    # A second page of businesses (pagination links).
    round = d.audition(2027, documents=False, quota=60)
    for number in range(51):
        d.apply(round=round, business=d.business(name=f"Usaha Uji {number:02d}"))
    response = client.get("/staf/dampak/usaha/", {"stage": "applicants", "round_id": round.pk, "page": 2})
    assert response.status_code == 200
    (tmp_path / "page-2.html").write_bytes(response.content)
    files.append(("businesses, page 2", tmp_path / "page-2.html"))

    errors = realservices.vnu_errors(files)
    assert errors == []
