"""Every CSV and XLSX file the platform writes goes through here, so that no cell can attack the spreadsheet
that opens it (docs/security/exports.md).

- Control characters are removed from text (tab, line feed and carriage return stay): XML, and so XLSX, cannot
  hold them, and NUL has no place in any export.
- Text that a spreadsheet would run as a formula (it starts with = + - @ tab or CR, also after leading
  whitespace; OWASP "CSV Injection") is neutralised: in CSV with a leading apostrophe, in XLSX as a text cell
  with the quote prefix (never a formula cell). Numbers stay numbers, negative ones too.
- CSV: every text field in double quotes (a `"` doubled, as RFC 4180), numbers bare, CRLF line ends, UTF-8.
  A file meant for Excel (`excel=True`) is separated by `;` and starts with the UTF-8 byte order mark: Excel
  splits a CSV at the list separator of the computer's region, which in Indonesia is `;` (a comma-separated
  file opens as one column), and reads UTF-8 only behind the mark. No `sep=;` first line: with it Excel
  ignores the mark (and reads UTF-8 as the local code page), and every other program sees it as a row.
  Other files (a bank's upload, files read by scripts) stay comma-separated without the mark. Quoting every
  text field also keeps a `;` inside a name from starting a new cell.

`restore` undoes exactly the apostrophe `neutralise` added, for importers that read these files back.
"""

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"

# Unicode control characters except tab, LF and CR; lone surrogates and the two non-characters XML refuses.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A formula start, possibly behind apostrophes (so that neutralise/restore are exact inverses): tab or CR, or
# = + - @ (also their full-width forms, which some spreadsheets take as the same) after any whitespace.
_FORMULA_START = re.compile("'*(?:[\t\r]|\\s*[=+\\-@\uff1d\uff0b\uff0d\uff20])")
_NUMBER = (bool, int, float, Decimal)  # bool is an int; listed to say so


class ExportDialect(csv.excel):
    """The CSV dialect of our exports (csv.excel, with every text field quoted)."""

    quoting = csv.QUOTE_NONNUMERIC


class ExcelExportDialect(ExportDialect):
    """The dialect of exports meant for Excel: `;`, the list separator of Excel set to Indonesian."""

    delimiter = ";"


def clean_text(text: str) -> str:
    """The text without the control characters no spreadsheet (and no XML) may hold."""
    return _CONTROL.sub("", text)


def is_formula_like(text: str) -> bool:
    return _FORMULA_START.match(text) is not None


def neutralise(text: str) -> str:
    """Text as a CSV cell: control characters removed, a formula start behind an apostrophe."""
    text = clean_text(text)
    return "'" + text if is_formula_like(text) else text


def restore(text: str) -> str:
    """The text `neutralise` was given (control characters aside): drop the one apostrophe it added."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, _NUMBER):
        return value
    return neutralise(str(value))  # str() also resolves lazy translations


def csv_text(rows: Iterable[Iterable], *, dialect: type[csv.Dialect] = ExportDialect) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return buffer.getvalue()


def csv_bytes(rows: Iterable[Iterable], *, excel: bool) -> bytes:
    """UTF-8 bytes of the rows. `excel`: for people who open the file in Excel (in Indonesia): `;`-separated,
    behind the byte order mark Excel needs to read UTF-8. Otherwise comma-separated, no mark."""
    if excel:
        return (BOM + csv_text(rows, dialect=ExcelExportDialect)).encode("utf-8")
    return csv_text(rows).encode("utf-8")


def xlsx_cell(sheet, value):
    """A cell for `sheet.append`: text always as a text cell, formula-like text with the quote prefix that
    keeps it text when edited. Numbers, dates and None go in as they are."""
    if value is None or isinstance(value, _NUMBER) or hasattr(value, "isoformat"):
        return value
    from openpyxl.cell.cell import Cell

    text = clean_text(str(value))
    formula_like = is_formula_like(text)
    if formula_like and text.startswith("'"):
        text = "'" + text  # so that `restore` gives the original back, as from CSV
    cell = Cell(sheet, row=1, column=1, value=text)  # `append` places it
    cell.data_type = "s"  # openpyxl makes any text starting with "=" a formula, and "#N/A" an error
    if formula_like:
        cell.quotePrefix = True
    return cell


def append_row(sheet, values: Iterable) -> None:
    """`sheet.append` for a normal or write-only openpyxl worksheet, through `xlsx_cell`."""
    sheet.append([xlsx_cell(sheet, value) for value in values])


def xlsx_bytes(rows: Iterable[Iterable], *, title: str) -> bytes:
    """A workbook of one sheet holding the rows (written row by row, write-only)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for row in rows:
        append_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """The file as an attachment; `filename` is ours (slugs and numbers), never a user's text."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
