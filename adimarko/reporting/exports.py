"""The impact report as files for the smart-city assessors: CSV (one long table) and XLSX (a sheet per table).

Both carry the definition of every figure next to it. They hold aggregates only: no business, person or buyer
appears in them (the staff dashboard lists the businesses behind a figure; the files do not). Both are
written by adimarko.core.exports: no text cell can run as a formula.
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from adimarko.core import exports
from adimarko.reporting.definitions import (
    ALUMNI_SALE,
    COUNTED_SALE,
    FUNNEL_STAGE_DEFINITIONS,
    INDICATORS,
    INDICATORS_BY_CODE,
    Unit,
)
from adimarko.reporting.report import ImpactReport

XLSX_CONTENT_TYPE = exports.XLSX_CONTENT_TYPE
REGENCY = "Kabupaten Blitar"
REGENCY_CODE = "35.05"


def _unit(unit: str) -> str:
    return {Unit.COUNT: _("count"), Unit.PERCENT: "%", Unit.RUPIAH: "Rp"}[unit]


def _sheet_title(title: str) -> str:
    """A worksheet name: at most 31 characters, none of []:*?/\\ (a translation may bring them)."""
    return "".join(" " if char in "[]:*?/\\" else char for char in str(title)).strip()[:31]


def _kecamatan_measures():
    # (label, unit, value of a KecamatanRow, definition)
    return (
        (_("Applicants"), Unit.COUNT, lambda row: row.applicants, INDICATORS_BY_CODE["B1"].definition),
        (_("Graduates"), Unit.COUNT, lambda row: row.graduated, INDICATORS_BY_CODE["O4"].definition),
        (
            _("Active alumni sellers"),
            Unit.COUNT,
            lambda row: row.active_sellers,
            FUNNEL_STAGE_DEFINITIONS["active_sellers"][1],
        ),
        (_("Alumni orders"), Unit.COUNT, lambda row: row.alumni.orders, INDICATORS_BY_CODE["I2"].definition),
        (
            _("Alumni revenue"),
            Unit.RUPIAH,
            lambda row: row.alumni.revenue,
            INDICATORS_BY_CODE["I1"].definition,
        ),
        (
            _("Orders of other sellers"),
            Unit.COUNT,
            lambda row: row.others.orders,
            _("Number of counted sales by sellers that were not alumni at the time."),
        ),
        (
            _("Revenue of other sellers"),
            Unit.RUPIAH,
            lambda row: row.others.revenue,
            INDICATORS_BY_CODE["I6"].definition,
        ),
    )


def _kecamatan_note() -> str:
    return _("A kecamatan's figures count each business, and each of its sales, in the business's kecamatan.")


def report_csv(report: ImpactReport) -> bytes:
    """One long table: a row per indicator, region and year (plus the whole period), with its definition."""
    rows = []
    whole = _("whole period")
    rows.append(
        [
            _("table"),
            _("code"),
            _("indicator"),
            _("unit"),
            _("region code"),
            _("region"),
            _("year"),
            _("value"),
            _("definition"),
        ]
    )
    for table in report.tables:
        for row in table.rows:
            indicator = row.indicator
            for year in [*report.years, None]:
                value = row.values.get(year) if year is not None else row.total
                rows.append(
                    [
                        table.title,
                        indicator.code,
                        str(indicator.label),
                        _unit(indicator.unit),
                        REGENCY_CODE,
                        REGENCY,
                        year if year is not None else whole,
                        "" if value is None else value,
                        str(indicator.definition),
                    ]
                )
    note = _kecamatan_note()
    for row in report.kecamatan:
        for label, unit, value, definition in _kecamatan_measures():
            rows.append(
                [
                    _("Kecamatan"),
                    "",
                    label,
                    _unit(unit),
                    row.code,
                    row.name,
                    whole,
                    value(row),
                    f"{definition} {note}",
                ]
            )
    return exports.csv_bytes(rows, excel=True)


def report_xlsx(report: ImpactReport, *, filters: list[tuple[str, str]]) -> bytes:
    """An information sheet (filters, definitions), one sheet per table with a column per year, and the
    kecamatan sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    append = exports.append_row  # every row: text as text cells, never formulas
    workbook = Workbook()
    info = workbook.active
    info.title = _sheet_title(_("Information"))
    append(info, [_("Adi Marko programme impact — Disperindag Kabupaten Blitar")])
    info["A1"].font = bold
    append(info, [_("Generated"), timezone.localtime(report.generated_at).strftime("%Y-%m-%d %H:%M WIB")])
    append(info, [_("Filters"), "; ".join(f"{label}: {value}" for label, value in filters) or _("none")])
    append(info, [])
    append(info, [_("Counted sale"), str(COUNTED_SALE)])
    append(info, [_("Alumni sale"), str(ALUMNI_SALE)])
    append(info, [])
    append(info, [_("code"), _("indicator"), _("unit"), _("definition")])
    for indicator in INDICATORS:
        append(info, [indicator.code, str(indicator.label), _unit(indicator.unit), str(indicator.definition)])
    append(info, [])
    append(info, [_("Kecamatan"), _kecamatan_note()])
    for label, unit, _value, definition in _kecamatan_measures():
        append(info, ["", label, _unit(unit), str(definition)])
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 44
    info.column_dimensions["D"].width = 100

    for table in report.tables:
        sheet = workbook.create_sheet(_sheet_title(table.title))
        append(sheet, [table.title, table.description])
        sheet["A1"].font = bold
        append(
            sheet, [_("code"), _("indicator"), _("unit"), *report.years, _("whole period"), _("definition")]
        )
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            indicator = row.indicator
            append(
                sheet,
                [
                    indicator.code,
                    str(indicator.label),
                    _unit(indicator.unit),
                    *[row.values.get(year) for year in report.years],
                    row.total,
                    str(indicator.definition),
                ],
            )
            if indicator.unit == Unit.RUPIAH:
                for cell in sheet[sheet.max_row][3 : 4 + len(report.years)]:
                    cell.number_format = "#,##0"
        sheet.column_dimensions["B"].width = 44
        sheet.freeze_panes = "D3"

    sheet = workbook.create_sheet(_sheet_title(_("Kecamatan")))
    measures = _kecamatan_measures()
    append(sheet, [_("region code"), _("Kecamatan"), *[label for label, *_rest in measures]])
    for cell in sheet[1]:
        cell.font = bold
    for row in report.kecamatan:
        append(sheet, [row.code, row.name, *[measure[2](row) for measure in measures]])
    for index, (_label, unit, *_rest) in enumerate(measures):
        if unit == Unit.RUPIAH:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=3 + index, max_col=3 + index):
                cell.number_format = "#,##0"
    sheet.column_dimensions["B"].width = 22

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
