"""The impact downloads for the smart-city assessors: CSV (one long table) and XLSX (a sheet per table), both
with the definition of every figure. Expected values are counted by hand from `staff_data.scenario()`."""

import csv
import io
import re

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from adimarko.reporting.definitions import INDICATORS, INDICATORS_BY_CODE, TABLES
from adimarko.reporting.exports import XLSX_CONTENT_TYPE
from tests.adimarko.reporting import staff_data as d
from tests.factories import staff_user

pytestmark = pytest.mark.django_db

YEARS = [2025, 2026]
# code → (2025, 2026, whole period), as written in the files ("" when a figure has no value).
EXPECTED = {
    "B1": (5, 2, 7),  # applicants (submitted; F's draft is not one)
    "B2": (0, 0, 0),  # every application says "social media" only
    "B3": (100, 100, 100),
    "B4": (100, 100, 100),
    "B5": (3, 2, 3),  # Wlingi, Srengat, Kanigoro | Wlingi, Kanigoro
    "O1": (4, 2, 6),
    "O2": (3, 1, 4),
    "O3": (0, 0, 0),
    "O4": (2, 1, 3),
    "O5": (2, 1, 3),
    "C1": (1, 0, 1),  # A's storefront is approved; B's and G's wait for curation
    "C2": (1, 2, 2),  # A | A and G
    "C3": (50, 67, ""),  # 1 of 2 alumni by 2025 | 2 of 3 by 2026 (66.67, to the nearest)
    "C4": (0, 0, 0),  # the products were not published through curation
    "I1": (40000, 70000, 110000),
    "I2": (1, 2, 3),
    "I3": (40000, 35000, 36667),
    "I4": (0, 0, 1),  # buyer 1 bought from A in 2025 and in 2026: a repeat buyer over the period only
    "I5": (100, 44, 55),  # 70.000 of 160.000 in 2026 (43.75, to the nearest)
    "I6": (0, 90000, 90000),
    "I7": (0, 50, 33),  # G's order went outside the regency
    "I8": (1, 1, 1),
}


def in_id(message: str) -> str:
    with translation.override("id"):
        return gettext(message)


@pytest.fixture
def data():
    return d.scenario()


def download(user, fmt: str, query=None, prefix: str = ""):
    client = Client()
    client.force_login(user)
    return client.get(f"{prefix}/staf/dampak/unduh.{fmt}", query or {})


def csv_rows(response) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")  # so that Excel reads UTF-8
    # `;` between cells: the list separator of Excel set to Indonesian
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


# --- CSV ----------------------------------------------------------------------------------------------------
def test_csv_opens_in_columns_in_excel_set_to_indonesian(data):
    # Excel splits a CSV at the list separator of the computer's region: `;` in Indonesia. Before, the file
    # was comma-separated and opened as one column.
    content = download(data.staff, "csv").content.decode("utf-8")
    first_line, second_line = content.split("\r\n")[:2]
    # The byte order mark and then the header, no `sep=;` line (Excel would drop UTF-8 behind it)
    names = ("table", "code", "indicator", "unit", "region code", "region", "year", "value", "definition")
    assert first_line == "\ufeff" + ";".join(f'"{in_id(name)}"' for name in names)
    # Numbers are bare, so Excel reads them as numbers; text (with its own `;` or `,`) is quoted.
    cells = next(csv.reader([second_line], delimiter=";"))
    assert len(cells) == 9
    assert second_line.split(";")[6] == cells[6] and cells[6].isdigit()  # the year, unquoted


def test_csv_is_one_long_table_with_a_definition_on_every_indicator_row(data):
    response = download(data.staff, "csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().strftime("%Y%m%d")
    assert response["Content-Disposition"] == f'attachment; filename="dampak-adi-marko-{today}.csv"'
    header, *rows = csv_rows(response)
    assert header == [
        in_id(name)
        for name in (
            "table",
            "code",
            "indicator",
            "unit",
            "region code",
            "region",
            "year",
            "value",
            "definition",
        )
    ]
    assert {len(row) for row in rows} == {9}

    whole = in_id("whole period")
    indicator_rows = [row for row in rows if row[1]]
    kecamatan_rows = [row for row in rows if not row[1]]
    # One row per indicator × (each year + the whole period); then 7 measures × 22 kecamatan.
    assert len(indicator_rows) == len(INDICATORS) * (len(YEARS) + 1)
    assert len(kecamatan_rows) == 7 * 22
    with translation.override("id"):
        titles = [str(table.title) for table in TABLES]
        definitions = {indicator.code: str(indicator.definition) for indicator in INDICATORS}
    assert [title for title in dict.fromkeys(row[0] for row in indicator_rows)] == titles
    for row in indicator_rows:
        assert row[8] == definitions[row[1]] and row[8], row
        assert row[4:6] == ["35.05", "Kabupaten Blitar"], row
        assert row[6] in ("2025", "2026", whole), row

    values = {(row[1], row[6]): row[7] for row in indicator_rows}
    for code, expected in EXPECTED.items():
        assert [values[(code, "2025")], values[(code, "2026")], values[(code, whole)]] == [
            str(value) for value in expected
        ], code
    units = {row[1]: row[3] for row in indicator_rows}
    assert units["I1"] == "Rp" and units["I5"] == "%" and units["B1"] == in_id("count")
    assert [row[0] for row in indicator_rows if row[1] == "B1"] == [in_id("Baseline")] * 3
    assert [row[0] for row in indicator_rows if row[1] == "I1"] == [in_id("Impact")] * 3

    # Kecamatan rows: every measure with its definition, for each of the 22 kecamatan.
    assert {row[0] for row in kecamatan_rows} == {in_id("Kecamatan")}
    assert len({row[4] for row in kecamatan_rows}) == 22
    assert all(row[8] and row[6] == whole for row in kecamatan_rows)
    wlingi = {row[2]: row[7] for row in kecamatan_rows if row[5] == "Wlingi"}
    assert wlingi == {
        in_id("Applicants"): "3",
        in_id("Graduates"): "2",
        in_id("Active alumni sellers"): "2",
        in_id("Alumni orders"): "3",
        in_id("Alumni revenue"): "110000",
        in_id("Orders of other sellers"): "0",
        in_id("Revenue of other sellers"): "0",
    }
    kanigoro = {row[2]: row[7] for row in kecamatan_rows if row[5] == "Kanigoro"}
    assert kanigoro[in_id("Revenue of other sellers")] == "90000"
    revenue = next(row for row in kecamatan_rows if row[5] == "Wlingi" and row[2] == in_id("Alumni revenue"))
    assert revenue[8].startswith(str(in_id(str(INDICATORS_BY_CODE["I1"].definition))))


def test_csv_follows_the_filters(data):
    response = download(data.staff, "csv", {"round": data.rounds[2026].pk, "sector": "food"})
    header, *rows = csv_rows(response)
    values = {(row[1], row[6]): row[7] for row in rows if row[1]}
    # Round 2026 and food: G only (applied in 2026, graduated, sold 50.000 in 2026).
    assert values[("B1", in_id("whole period"))] == "1"
    assert values[("I1", "2026")] == "50000"
    # The years are those of the round and of the sales left: 2026 only.
    assert {row[6] for row in rows if row[1]} == {"2026", in_id("whole period")}


# --- XLSX ---------------------------------------------------------------------------------------------------
def _sheet_values(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_has_the_information_sheet_the_four_tables_and_the_kecamatan(data):
    response = download(data.staff, "xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    today = timezone.localdate().strftime("%Y%m%d")
    assert response["Content-Disposition"] == f'attachment; filename="dampak-adi-marko-{today}.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    names = [in_id(n) for n in ("Information", "Baseline", "Output", "Outcome", "Impact", "Kecamatan")]
    assert workbook.sheetnames == names

    info = _sheet_values(workbook[names[0]])
    labels = {row[0]: row[1] for row in info if row and row[0]}
    assert labels[in_id("Filters")] == in_id("none")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d WIB", labels[in_id("Generated")])
    defined = {row[0]: row[3] for row in info if row[0] in INDICATORS_BY_CODE}
    with translation.override("id"):
        assert defined == {i.code: str(i.definition) for i in INDICATORS}

    for table, name in zip(TABLES, names[1:5], strict=True):
        sheet = workbook[name]
        rows = _sheet_values(sheet)
        header = rows[1]
        assert header == [
            in_id("code"),
            in_id("indicator"),
            in_id("unit"),
            2025,
            2026,
            in_id("whole period"),
            in_id("definition"),
        ]
        codes = [row[0] for row in rows[2:]]
        assert codes == [i.code for i in INDICATORS if i.table == table.key]
        for row in rows[2:]:
            expected = [None if value == "" else value for value in EXPECTED[row[0]]]
            assert row[3:6] == expected, row[0]
            assert row[6] == defined[row[0]], row[0]
    # Rupiah cells are numbers with a thousands format; counts stay plain numbers.
    impact = workbook[names[4]]
    i1 = next(row for row in impact.iter_rows(min_row=3) if row[0].value == "I1")
    assert [cell.value for cell in i1[3:6]] == [40000, 70000, 110000]
    assert all(isinstance(cell.value, int) and cell.number_format == "#,##0" for cell in i1[3:6])
    i2 = next(row for row in impact.iter_rows(min_row=3) if row[0].value == "I2")
    assert i2[3].number_format == "General"

    kecamatan = workbook[names[5]]
    rows = _sheet_values(kecamatan)
    assert rows[0][:2] == [in_id("region code"), in_id("Kecamatan")]
    assert len(rows) == 1 + 22
    wlingi = next(row for row in rows if row[1] == "Wlingi")
    assert wlingi[2:] == [3, 2, 2, 3, 110000, 0, 0]
    revenue_column = rows[0].index(in_id("Alumni revenue")) + 1
    assert kecamatan.cell(row=2, column=revenue_column).number_format == "#,##0"


def test_xlsx_describes_the_filters_it_was_made_with(data):
    query = {"cohort": data.cohorts[2025].pk, "sector": "snack", "start": "2025-01-01", "end": "2025-12-31"}
    workbook = load_workbook(io.BytesIO(download(data.staff, "xlsx", query).content))
    info = workbook.worksheets[0]
    labels = {row[0]: row[1] for row in info.iter_rows(values_only=True) if row and row[0]}
    described = labels[in_id("Filters")]
    with translation.override("id"):
        expected = [
            f"{gettext('Cohort')}: Angkatan 2025",
            f"{gettext('Sector')}: {gettext('Snacks (keripik, kerupuk)')}",
            f"{gettext('From')}: 2025-01-01",
            f"{gettext('Until')}: 2025-12-31",
        ]
    assert described == "; ".join(expected)
    baseline = _sheet_values(workbook.worksheets[1])
    assert baseline[1][3:5] == [2025, in_id("whole period")]
    b1 = next(row for row in baseline if row[0] == "B1")
    assert b1[3:5] == [2, 2]  # A and E applied for snacks in 2025


def test_english_downloads_use_english_names():
    staff = staff_user()
    workbook = load_workbook(io.BytesIO(download(staff, "xlsx", prefix="/en").content))
    assert workbook.sheetnames == ["Information", "Baseline", "Output", "Outcome", "Impact", "Kecamatan"]
    header = next(
        csv.reader(io.StringIO(download(staff, "csv", prefix="/en").content.decode()[1:]), delimiter=";")
    )
    assert header == [
        "table",
        "code",
        "indicator",
        "unit",
        "region code",
        "region",
        "year",
        "value",
        "definition",
    ]


def test_bad_filters_give_the_unfiltered_file_and_an_unknown_format_404(data):
    response = download(data.staff, "xlsx", {"round": "abc", "start": "2026-02-30"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    labels = {row[0]: row[1] for row in workbook.worksheets[0].iter_rows(values_only=True) if row and row[0]}
    assert labels[in_id("Filters")] == in_id("none")
    b1 = next(row for row in workbook.worksheets[1].iter_rows(values_only=True) if row[0] == "B1")
    assert b1[3:6] == (5, 2, 7)
    assert download(data.staff, "pdf").status_code == 404
    assert download(data.staff, "xlsx ").status_code == 404


def test_downloads_are_for_staff_only():
    anonymous = Client().get("/staf/dampak/unduh.csv")
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]
    seller = d.business().members.get()
    assert download(seller, "csv").status_code == 403
    assert download(seller, "xlsx").status_code == 403
