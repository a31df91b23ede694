"""The staff impact pages: the dashboard (funnel per round, alumni against other sellers, years, kecamatan),
its filters and their errors, the businesses behind a figure and one business's journey.

Expected figures are counted by hand from `staff_data.scenario()` (its docstring lists the people and sales).
"""

from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from adimarko.reporting.forms import ImpactFilterForm
from incubation.audition.models.rounds import WIB
from incubation.models import Certificate
from tests.adimarko.reporting import staff_data as d
from tests.factories import staff_user
from tests.orders.factories import buyer

pytestmark = pytest.mark.django_db

DASHBOARD = "/staf/dampak/"
BUSINESSES = "/staf/dampak/usaha/"
STAGES = ["applicants", "eligible", "accepted", "graduated", "active_sellers"]


@pytest.fixture
def data():
    return d.scenario()


def staff_client(user=None) -> Client:
    client = Client()
    client.force_login(user or staff_user())
    return client


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def table_rows(page: BeautifulSoup, table_id: str, part: str = "tbody") -> list[list[str]]:
    table = page.find("table", id=table_id)
    assert table is not None, f"no table #{table_id}"
    section = table.find(part)
    if section is None:
        return []
    return [[text(cell) for cell in row.find_all(["th", "td"])] for row in section.find_all("tr")]


def funnel(page: BeautifulSoup) -> dict[str, list[int]]:
    """Round title (and "All rounds") → the five stage counts."""
    rows = table_rows(page, "funnel") + table_rows(page, "funnel", "tfoot")
    return {row[0]: [int(n) for n in row[2:]] for row in rows}


def sales(page: BeautifulSoup) -> dict[str, list[str]]:
    """Row label → [alumni, others, all sellers] as printed."""
    return {row[0]: row[1:] for row in table_rows(page, "sales")}


def field_error(page: BeautifulSoup, name: str) -> str:
    """The error text printed in the form field that holds the control `name`."""
    control = page.find(attrs={"name": name})
    assert control is not None, name
    wrapper = control.find_parent(class_="field")
    error = wrapper.find(class_="error")
    return text(error) if error else ""


def shown_businesses(page: BeautifulSoup) -> list[str]:
    table = page.find("table")
    return [text(row.th) for row in table.tbody.find_all("tr")] if table else []


def id_(message: str) -> str:
    """The message as the Indonesian interface prints it."""
    with translation.override("id"):
        return gettext(message)


# --- The dashboard -----------------------------------------------------------------------------------------
def test_the_funnel_per_round_counts_businesses_and_links_to_them(data):
    page = soup(staff_client(data.staff).get(DASHBOARD))

    assert funnel(page) == {
        "Audisi Adi Marko 2026": [2, 2, 1, 1, 1],
        "Audisi Adi Marko 2025": [5, 4, 3, 2, 1],
        id_("All rounds"): [7, 6, 4, 3, 2],
    }
    # The newest round comes first, with its year.
    first = table_rows(page, "funnel")[0]
    assert first[:2] == ["Audisi Adi Marko 2026", "2026"]
    # The headline figures and the chart carry the same totals.
    figures = {text(div.dt): text(div.dd) for div in page.select("dl.figures > div")}
    assert figures[id_("Businesses that applied")] == "7"
    assert figures[id_("Businesses that graduated")] == "3"
    assert figures[id_("Businesses that sold as alumni")] == "2"
    assert figures[id_("Alumni orders")] == "3"
    assert figures[id_("Alumni revenue")] == "Rp 110.000"
    assert figures[id_("Alumni share of revenue")] == "55%"
    bars = [text(row) for row in page.select("#funnel-chart .bar-row")]
    assert bars[0].endswith("7 (100%)") and bars[3].endswith("3 (43%)") and bars[4].endswith("2 (29%)")

    # Every number links to the businesses behind it: round 2025, graduated → A and B.
    r2025 = data.rounds[2025]
    row = page.find("table", id="funnel").find("th", string="Audisi Adi Marko 2025").parent
    links = row.find_all("a")
    assert [text(a) for a in links] == ["5", "4", "3", "2", "1"]
    graduated = links[3]["href"]
    query = parse_qs(urlsplit(graduated).query)
    assert urlsplit(graduated).path == BUSINESSES
    assert query == {"stage": ["graduated"], "round_id": [str(r2025.pk)]}
    listed = soup(staff_client(data.staff).get(graduated))
    assert shown_businesses(listed) == ["Keripik Tempe Bu Sri", "Kopi Robusta Pak Dwi"]
    # The total's numbers cover every round.
    total_links = page.find("table", id="funnel").tfoot.find_all("a")
    active = soup(staff_client(data.staff).get(total_links[4]["href"]))
    assert shown_businesses(active) == ["Keripik Tempe Bu Sri", "Sambal Pecel Mbak Yuni"]


def test_alumni_against_other_sellers_per_year_and_per_kecamatan(data):
    page = soup(staff_client(data.staff).get(DASHBOARD))

    assert sales(page) == {
        id_("Orders"): ["3", "2", "5"],
        id_("Revenue"): ["Rp 110.000", "Rp 90.000", "Rp 200.000"],
        # 110.000 / 3 = 36.666,67 → rounded half up.
        id_("Average order"): ["Rp 36.667", "Rp 45.000", "Rp 40.000"],
        id_("Buyers"): ["2", "2", "2"],
        # Buyer 1 bought from A in two checkouts; buyer 2 from S once and from G once.
        id_("Repeat buyers"): ["1 (50%)", "0 (0%)", "2 (100%)"],
    }
    assert table_rows(page, "sales-by-year") == [
        ["2025", "1", "Rp 40.000", "Rp 40.000", "0", "0", "Rp 0"],
        ["2026", "2", "Rp 70.000", "Rp 35.000", "0", "2", "Rp 90.000"],
    ]
    ranking = table_rows(page, "kecamatan")
    assert len(ranking) == 22
    # rank, name, applicants, graduates, active sellers, alumni revenue, others' revenue, revenue bar
    assert ranking[0] == ["1", "Wlingi", "3", "2", "2", "Rp 110.000", "Rp 0", "Rp 110.000"]
    assert ranking[1] == ["2", "Kanigoro", "2", "0", "0", "Rp 0", "Rp 90.000", "Rp 90.000"]
    # No revenue: the kecamatan with a graduate before those with none, then by name.
    assert ranking[2] == ["3", "Srengat", "2", "1", "0", "Rp 0", "Rp 0", "Rp 0"]
    assert [row[1] for row in ranking[3:]] == sorted(row[1] for row in ranking[3:])
    # The kecamatan's numbers open its businesses.
    wlingi = page.find("table", id="kecamatan").find("th", string="Wlingi").parent
    applicants = soup(staff_client(data.staff).get(wlingi.find("a")["href"]))
    assert shown_businesses(applicants) == [
        "Keripik Pisang Wlingi",
        "Keripik Tempe Bu Sri",
        "Sambal Pecel Mbak Yuni",
    ]


def test_an_empty_database_shows_empty_states_not_errors():
    page = soup(staff_client().get(DASHBOARD))

    assert id_("No audition round matches these filters.") in text(page)
    assert id_("No sales in this period.") in text(page)
    assert page.find("table", id="funnel") is None and page.find("table", id="sales-by-year") is None
    assert sales(page)[id_("Revenue")] == ["Rp 0", "Rp 0", "Rp 0"]
    assert sales(page)[id_("Repeat buyers")] == ["0 (0%)", "0 (0%)", "0 (0%)"]
    figures = {text(div.dt): text(div.dd) for div in page.select("dl.figures > div")}
    assert figures[id_("Businesses that applied")] == "0" and figures[id_("Alumni share of revenue")] == "–"
    # Every kecamatan is still listed, all at zero.
    ranking = table_rows(page, "kecamatan")
    assert len(ranking) == 22 and {row[-1] for row in ranking} == {"Rp 0"}
    # The downloads and the businesses list work on an empty database too.
    client = staff_client()
    assert client.get("/staf/dampak/unduh.csv").status_code == 200
    assert client.get("/staf/dampak/unduh.xlsx").status_code == 200
    empty = soup(client.get(BUSINESSES, {"stage": "graduated"}))
    assert id_("No business is behind this figure.") in text(empty)


# --- Filters -----------------------------------------------------------------------------------------------
def test_the_round_filter_keeps_one_round_and_narrows_alumni_to_its_graduates(data):
    client = staff_client(data.staff)
    page = soup(client.get(DASHBOARD, {"round": data.rounds[2025].pk}))

    # One round: no total row.
    assert funnel(page) == {"Audisi Adi Marko 2025": [5, 4, 3, 2, 1]}
    # Alumni: only A (graduated in 2025); G's sale is in neither group; other sellers unchanged.
    assert sales(page)[id_("Orders")] == ["2", "2", "4"]
    assert sales(page)[id_("Revenue")] == ["Rp 60.000", "Rp 90.000", "Rp 150.000"]
    assert page.find("select", attrs={"name": "round"}).find("option", selected=True)["value"] == str(
        data.rounds[2025].pk
    )
    assert "Audisi Adi Marko 2025" in text(page.find(class_="filters-used"))
    # The drill-down links and the downloads carry the filter.
    link = page.find("table", id="funnel").find_all("a")[0]["href"]
    assert parse_qs(urlsplit(link).query)["round"] == [str(data.rounds[2025].pk)]
    download = page.find("a", href=lambda h: h and "unduh.xlsx" in h)["href"]
    assert parse_qs(urlsplit(download).query) == {"round": [str(data.rounds[2025].pk)]}


def test_the_cohort_filter_means_its_round(data):
    page = soup(staff_client(data.staff).get(DASHBOARD, {"cohort": data.cohorts[2026].pk}))

    assert funnel(page) == {"Audisi Adi Marko 2026": [2, 2, 1, 1, 1]}
    assert sales(page)[id_("Orders")] == ["1", "2", "3"]
    assert sales(page)[id_("Revenue")] == ["Rp 50.000", "Rp 90.000", "Rp 140.000"]
    # A round with its own cohort is accepted together.
    both = soup(
        staff_client(data.staff).get(
            DASHBOARD, {"round": data.rounds[2026].pk, "cohort": data.cohorts[2026].pk}
        )
    )
    assert field_error(both, "cohort") == ""
    assert funnel(both) == {"Audisi Adi Marko 2026": [2, 2, 1, 1, 1]}


def test_the_sector_filter_follows_applications_and_sale_lines(data):
    page = soup(staff_client(data.staff).get(DASHBOARD, {"sector": "snack"}))

    # Snack applications: A (graduated, sells) and E (not eligible) in 2025; H (waiting list) in 2026.
    assert funnel(page) == {
        "Audisi Adi Marko 2026": [1, 1, 0, 0, 0],
        "Audisi Adi Marko 2025": [2, 1, 1, 1, 1],
        id_("All rounds"): [3, 2, 1, 1, 1],
    }
    # Only snack lines: A's two sales; S (crafts) and G (food) are out.
    assert sales(page)[id_("Orders")] == ["2", "0", "2"]
    assert sales(page)[id_("Revenue")] == ["Rp 60.000", "Rp 0", "Rp 60.000"]
    coffee = soup(staff_client(data.staff).get(DASHBOARD, {"sector": "coffee"}))
    assert funnel(coffee)["Audisi Adi Marko 2025"] == [2, 2, 2, 1, 0]
    assert id_("No sales in this period.") in text(coffee)


def test_the_period_filter_keeps_rounds_closing_in_it_and_sales_paid_in_it(data):
    client = staff_client(data.staff)
    in_2026 = soup(client.get(DASHBOARD, {"start": "2026-01-01", "end": "2026-12-31"}))
    assert funnel(in_2026) == {"Audisi Adi Marko 2026": [2, 2, 1, 1, 1]}
    assert sales(in_2026)[id_("Revenue")] == ["Rp 70.000", "Rp 90.000", "Rp 160.000"]
    assert [row[0] for row in table_rows(in_2026, "sales-by-year")] == ["2026"]

    in_2025 = soup(client.get(DASHBOARD, {"start": "2025-01-01", "end": "2025-12-31"}))
    assert funnel(in_2025) == {"Audisi Adi Marko 2025": [5, 4, 3, 2, 1]}
    assert sales(in_2025)[id_("Orders")] == ["1", "0", "1"]
    # A's 2025 sale makes A an active seller within 2025; the day bounds are inclusive (WIB).
    one_day = soup(client.get(DASHBOARD, {"start": "2025-08-10", "end": "2025-08-10"}))
    assert sales(one_day)[id_("Revenue")] == ["Rp 40.000", "Rp 0", "Rp 40.000"]
    after = soup(client.get(DASHBOARD, {"start": "2026-10-02"}))
    assert sales(after)[id_("Orders")] == ["0", "0", "0"]
    assert id_("No audition round matches these filters.") in text(after)


def test_the_period_and_the_years_are_whole_days_in_wib():
    staff = staff_user()
    _round, seller = d.small_round(2025, staff=staff)  # one sale on 1 September 2025
    product = seller.products.get()
    # 23:30 WIB on 31 December is 16:30 UTC; 00:30 WIB on 1 January is still 31 December in UTC.
    d.sale(buyer_user=buyer(), items=[(product, 2)], paid_on=datetime(2025, 12, 31, 23, 30, tzinfo=WIB))
    d.sale(buyer_user=buyer(), items=[(product, 3)], paid_on=datetime(2026, 1, 1, 0, 30, tzinfo=WIB))
    client = staff_client(staff)

    page = soup(client.get(DASHBOARD))
    assert [row[:3] for row in table_rows(page, "sales-by-year")] == [
        ["2025", "2", "Rp 45.000"],
        ["2026", "1", "Rp 45.000"],
    ]
    last_day = soup(client.get(DASHBOARD, {"start": "2025-12-31", "end": "2025-12-31"}))
    assert sales(last_day)[id_("Revenue")] == ["Rp 30.000", "Rp 0", "Rp 30.000"]
    new_year = soup(client.get(DASHBOARD, {"start": "2026-01-01", "end": "2026-01-01"}))
    assert sales(new_year)[id_("Revenue")] == ["Rp 45.000", "Rp 0", "Rp 45.000"]


BAD_QUERIES = [
    # (query, field, message as printed in Indonesian)
    ({"round": "999999"}, "round", "invalid_choice"),
    ({"round": "abc"}, "round", "invalid_choice"),
    ({"round": "99999999999999999999"}, "round", "invalid_choice"),  # beyond a database integer
    ({"cohort": "999999"}, "cohort", "invalid_choice"),
    ({"cohort": "x1"}, "cohort", "invalid_choice"),
    ({"sector": "minyak"}, "sector", "invalid_choice"),
    ({"start": "2026-13-45"}, "start", "invalid"),
    ({"end": "kemarin"}, "end", "invalid"),
    ({"start": "2026-12-31", "end": "2026-01-01"}, "end", "The end of the period is before its start."),
]


def _expected_message(field: str, message: str) -> str:
    with translation.override("id"):
        form_field = ImpactFilterForm.base_fields[field]
        if message in form_field.error_messages:
            return str(form_field.error_messages[message]).replace("%(value)s", "")
        return gettext(message)


def test_bad_filters_answer_with_the_error_next_to_the_field_and_unfiltered_figures(data):
    client = staff_client(data.staff)
    for query, field, message in BAD_QUERIES:
        response = client.get(DASHBOARD, query)
        assert response.status_code == 200, query
        page = soup(response)
        expected = _expected_message(field, message)
        assert expected.split(".")[0] in field_error(page, field), (query, field_error(page, field))
        # The figures are the unfiltered ones, and links and downloads carry no broken filter.
        assert funnel(page)[id_("All rounds")] == [7, 6, 4, 3, 2], query
        assert sales(page)[id_("Orders")] == ["3", "2", "5"], query
        assert page.find(class_="filters-used") is None, query
        links = [a["href"] for a in page.select("#funnel a")] + [
            a["href"] for a in page.select("a[href*='unduh.']")
        ]
        assert all(key not in parse_qs(urlsplit(link).query) for link in links for key in query), query
        assert id_("The filters were not applied: the figures below cover everything.") in text(page)


def test_the_built_in_filter_errors_are_in_indonesian(data):
    page = soup(staff_client(data.staff).get(DASHBOARD, {"round": "abc", "start": "2026-02-30"}))
    assert "Masukkan pilihan yang valid" in field_error(page, "round")
    assert "Masukkan tanggal yang valid" in field_error(page, "start")


def test_a_cohort_of_another_round_is_refused(data):
    page = soup(
        staff_client(data.staff).get(
            DASHBOARD, {"round": data.rounds[2025].pk, "cohort": data.cohorts[2026].pk}
        )
    )
    assert field_error(page, "cohort") == id_("This cohort belongs to another audition round.")
    # The control is marked invalid and described by its error, for screen readers.
    control = page.find("select", attrs={"name": "cohort"})
    assert control["aria-invalid"] == "true"
    assert "id_cohort_error" in control["aria-describedby"].split()
    assert page.find(id="id_cohort_error") is not None
    assert funnel(page)[id_("All rounds")] == [7, 6, 4, 3, 2]


# --- The businesses behind a figure ------------------------------------------------------------------------
def test_businesses_by_stage_round_and_kecamatan(data):
    client = staff_client(data.staff)
    r2025, r2026 = data.rounds[2025], data.rounds[2026]

    def names(**query):
        return shown_businesses(soup(client.get(BUSINESSES, query)))

    assert names(stage="applicants", round_id=r2025.pk) == [
        "Anyaman Bambu Kanigoro",
        "Keripik Pisang Wlingi",
        "Keripik Tempe Bu Sri",
        "Kopi Lereng Kelud",
        "Kopi Robusta Pak Dwi",
    ]
    assert names(stage="eligible", round_id=r2026.pk) == ["Kerupuk Rambak Kanigoro", "Sambal Pecel Mbak Yuni"]
    assert names(stage="accepted") == [
        "Keripik Tempe Bu Sri",
        "Kopi Lereng Kelud",
        "Kopi Robusta Pak Dwi",
        "Sambal Pecel Mbak Yuni",
    ]
    assert names(stage="graduated", kecamatan=d.kecamatan_code("Srengat")) == ["Kopi Robusta Pak Dwi"]
    assert names(stage="active_sellers", round_id=r2025.pk) == ["Keripik Tempe Bu Sri"]
    # With the dashboard's filters.
    assert names(stage="applicants", sector="coffee") == ["Kopi Lereng Kelud", "Kopi Robusta Pak Dwi"]
    assert names(stage="active_sellers", start="2026-01-01", end="2026-12-31") == ["Sambal Pecel Mbak Yuni"]

    page = soup(client.get(BUSINESSES, {"stage": "graduated", "kecamatan": d.kecamatan_code("Wlingi")}))
    heading = text(page.h1)
    assert id_("Graduated") in heading and "Wlingi" in heading
    by_round = soup(client.get(BUSINESSES, {"stage": "eligible", "round_id": r2026.pk}))
    assert text(by_round.h1) == f"{id_('Eligible')} · Audisi Adi Marko 2026"
    # Broken filters: the list is unfiltered, and says so.
    broken = soup(client.get(BUSINESSES, {"stage": "graduated", "start": "2026-02-30"}))
    assert len(shown_businesses(broken)) == 3
    assert id_("The filters were not applied: the figures below cover everything.") in text(broken)
    # Each business opens its journey; the back link returns to the dashboard.
    row = page.find("table").tbody.find("tr")
    assert row.th.a["href"] == reverse("impact_business", args=[data.businesses["A"].slug])
    assert [text(cell) for cell in row.find_all("td")] == [data.businesses["A"].nib, "Wlingi", "2025"]
    assert page.find("a", string=lambda s: s and id_("Programme impact") in s)["href"] == DASHBOARD


@pytest.mark.parametrize(
    "query",
    [
        {"stage": "lulus"},
        {"stage": ""},
        {"stage": "graduated", "round_id": "satu"},
        {"stage": "graduated", "round_id": "999999"},
        {"stage": "graduated", "round_id": "99999999999999999999"},
        {"stage": "graduated", "round_id": "-1"},
        {"stage": "graduated", "kecamatan": "35.05.99"},
        {"stage": "graduated", "kecamatan": "Wlingi"},
    ],
)
def test_a_link_that_never_came_from_the_dashboard_is_404(query):
    assert staff_client().get(BUSINESSES, query).status_code == 404


def test_businesses_are_paginated_by_50_and_pages_keep_the_filters():
    staff = staff_user()
    round = d.audition(2026, documents=False, quota=60)
    for number in range(53):
        d.apply(round=round, business=d.business(name=f"Usaha Uji {number:02d}"), category="snack")
    other = d.audition(2025, documents=False)
    d.apply(round=other, business=d.business(name="Usaha Lain"), category="snack")
    client = staff_client(staff)
    query = {"stage": "applicants", "round_id": round.pk, "sector": "snack"}

    first = soup(client.get(BUSINESSES, query))
    assert len(shown_businesses(first)) == 50
    assert shown_businesses(first)[0] == "Usaha Uji 00"
    assert "53" in text(first.find("main").find("p", string=lambda s: s and "53" in s))
    next_link = first.find("main").find("nav").find("a")["href"]
    assert parse_qs(urlsplit(next_link).query) == {
        "stage": ["applicants"],
        "round_id": [str(round.pk)],
        "sector": ["snack"],
        "halaman": ["2"],
    }
    second = soup(client.get(BUSINESSES + next_link))
    assert shown_businesses(second) == ["Usaha Uji 50", "Usaha Uji 51", "Usaha Uji 52"]
    previous = second.find("main").find("nav").find("a")["href"]
    assert parse_qs(urlsplit(previous).query)["halaman"] == ["1"]
    # A page past the end shows the last page; a page that is not a number shows the first.
    assert shown_businesses(soup(client.get(BUSINESSES, {**query, "page": "99"}))) == shown_businesses(second)
    assert shown_businesses(soup(client.get(BUSINESSES, {**query, "page": "dua"})))[0] == "Usaha Uji 00"


# --- One business's journey --------------------------------------------------------------------------------
def test_the_journey_of_an_alumna_shows_every_step(data):
    a = data.businesses["A"]
    page = soup(staff_client(data.staff).get(reverse("impact_business", args=[a.slug])))
    content = text(page.find("main"))

    assert text(page.h1) == "Keripik Tempe Bu Sri"
    assert a.nib in content and "Wlingi" in content and "Alumni Adi Marko 2025" in content
    sections = {text(h2): h2 for h2 in page.find_all("h2")}
    applications = text(sections[id_("Applications")].find_next("ul"))
    assert "Audisi Adi Marko 2025" in applications and id_("Accepted") in applications
    incubation = text(sections[id_("Incubation")].find_next("ul"))
    assert "Angkatan 2025" in incubation and id_("Graduated") in incubation
    certificate = Certificate.objects.get(enrollment__business=a)
    link = page.find("a", string=certificate.code)
    assert link["href"] == reverse("certificate_verify", args=[certificate.code])
    storefront = text(sections[id_("Storefront")].find_next("p"))
    assert storefront.startswith(str(a.storefront.get_status_display()))
    assert table_rows(page, "journey-sales") == [
        ["2025", id_("Alumni"), "1", "Rp 40.000", "Rp 40.000", "1", "0"],
        ["2026", id_("Alumni"), "1", "Rp 20.000", "Rp 20.000", "1", "0"],
    ]


def test_the_journey_of_an_outside_seller_and_of_an_applicant(data):
    client = staff_client(data.staff)
    seller = soup(client.get(reverse("impact_business", args=[data.businesses["S"].slug])))
    assert id_("No application.") in text(seller)
    assert id_("Not enrolled in a cohort.") in text(seller)
    assert table_rows(seller, "journey-sales") == [
        ["2026", id_("Other seller"), "2", "Rp 90.000", "Rp 45.000", "2", "0"],
    ]
    rejected = soup(client.get(reverse("impact_business", args=[data.businesses["D"].slug])))
    assert id_("Not accepted") in text(rejected)
    assert id_("No storefront.") in text(rejected)
    assert id_("No counted sale yet.") in text(rejected)
    assert client.get(reverse("impact_business", args=["tidak-ada"])).status_code == 404


# --- Queries -----------------------------------------------------------------------------------------------
def _queries(client, path, query=None) -> int:
    client.get(path, query)  # warm caches (site, session, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, query)
    assert response.status_code == 200
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_rounds_and_orders():
    staff = staff_user()
    client = staff_client(staff)
    _round, seller = d.small_round(2020, staff=staff)
    d.small_round(2021, staff=staff)
    journey = reverse("impact_business", args=[seller.slug])
    small = {
        "dashboard": _queries(client, DASHBOARD),
        "filtered": _queries(client, DASHBOARD, {"sector": "snack", "start": "2019-01-01"}),
        "businesses": _queries(client, BUSINESSES, {"stage": "active_sellers"}),
        "journey": _queries(client, journey),
    }
    for year in range(2022, 2028):
        d.small_round(year, staff=staff, kecamatan="Srengat" if year % 2 else "Wlingi")
        # The first seller sells again every year.
        d.sale(buyer_user=buyer(), items=[(seller.products.get(), 1)], paid_on=date(year, 5, 1), staff=staff)
    large = {
        "dashboard": _queries(client, DASHBOARD),
        "filtered": _queries(client, DASHBOARD, {"sector": "snack", "start": "2019-01-01"}),
        "businesses": _queries(client, BUSINESSES, {"stage": "active_sellers"}),
        "journey": _queries(client, journey),
    }
    page = soup(client.get(DASHBOARD))
    assert len(funnel(page)) == 9  # eight rounds and the total
    assert sales(page)[id_("Orders")] == ["14", "0", "14"]
    assert len(table_rows(soup(client.get(journey)), "journey-sales")) == 7  # 2020, 2022 … 2027
    assert large == small
