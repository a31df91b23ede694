"""Bulk import and export (CSV and XLSX), by command and by dashboard upload."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from adimarko.core.models import Certification
from shop.importing import COLUMNS, ImportRejected, import_products
from shop.models import Product
from tests.factories import BusinessFactory, image_bytes
from tests.shop.factories import approved_product

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)
GOOD_ROWS = [
    "{seller},KOPI-250,Kopi Robusta 250 g,Kopi robusta petik merah,kopi,45000,30,260,Wlingi,Beru,"
    "halal:ID35110012345678:2027-01-31;pirt:2063505010123-27,",
    '{seller},GULA-500,Gula Semut 500 g,Gula semut kelapa organik,Gula Kelapa & Gula Merah,"Rp 32.000",'
    "12,520,35.05.17,35.05.17.1001,,",
]


def _csv(*rows, seller="") -> bytes:
    return "\n".join([HEADER, *(row.format(seller=seller) for row in rows)]).encode()


def _import(content: bytes, *, name="produk.csv", **kwargs):
    return import_products(file=io.BytesIO(content), filename=name, by=None, **kwargs)


def test_a_good_csv_creates_products_waiting_for_curation_with_their_certificates():
    business = BusinessFactory()
    result = _import(_csv(*GOOD_ROWS), business=business)
    assert (result.created, result.updated) == (2, 0)
    kopi = Product.objects.get(business=business, sku="KOPI-250")
    gula = Product.objects.get(business=business, sku="GULA-500")
    assert kopi.status == Product.Status.PENDING
    assert (kopi.price, kopi.stock, kopi.weight_grams, kopi.category.slug) == (45000, 30, 260, "kopi")
    assert kopi.origin_desa.name == "Beru" and kopi.origin_desa.parent.name == "Wlingi"
    certs = {(c.kind, c.number, str(c.expires_on)) for c in kopi.certifications.all()}
    assert certs == {("halal", "ID35110012345678", "2027-01-31"), ("pirt", "2063505010123-27", "None")}
    assert Certification.objects.filter(business=business).count() == 2
    assert (gula.price, gula.category.slug) == (32000, "gula")


def test_a_second_import_updates_by_sku():
    business = BusinessFactory()
    _import(_csv(*GOOD_ROWS), business=business)
    changed = GOOD_ROWS[0].replace(",45000,30,", ",47000,5,")
    result = _import(_csv(changed), business=business)
    assert (result.created, result.updated) == (0, 1)
    kopi = Product.objects.get(business=business, sku="KOPI-250")
    assert (kopi.price, kopi.stock) == (47000, 5)
    assert Product.objects.filter(business=business).count() == 2


def test_a_file_with_bad_rows_imports_nothing_and_reports_every_bad_row():
    business = BusinessFactory()
    bad = [
        GOOD_ROWS[0],
        ",BAD-1,Keripik,Keripik tempe,keripik,-5000,10,0,Wlingi,Beru,,",
        ",BAD-2,,Tanpa nama,kategori-palsu,12000,1,100,Atlantis,Beru,,",
        ",BAD-3,Madu,Madu randu,madu,12000,1,100,Wlingi,Desa Khayalan,halal,",
        ",KOPI-250,Kopi lagi,Duplikat,kopi,45000,1,250,Wlingi,Beru,,",
        GOOD_ROWS[1],
    ]
    with pytest.raises(ImportRejected) as excinfo:
        _import(_csv(*bad), business=business)
    found = {(p.row, p.column) for p in excinfo.value.problems}
    assert found == {
        (3, "price_idr"),
        (3, "weight_grams"),
        (4, "name"),
        (4, "category"),
        (4, "kecamatan"),
        (5, "desa"),
        (5, "certifications"),
        (6, "sku"),
    }
    messages = {(p.row, p.column): p.message for p in excinfo.value.problems}
    assert messages[(3, "price_idr")] == "Harga harus rupiah bulat, minimal 1 (mis. 45000)."
    assert messages[(4, "kecamatan")] == "Kecamatan Atlantis tidak ada di Kabupaten Blitar."
    assert messages[(6, "sku")] == "SKU KOPI-250 sudah muncul di baris 2."
    assert Product.objects.count() == 0
    assert Certification.objects.count() == 0


def test_a_row_refused_by_the_services_rolls_back_the_rows_before_it():
    business = BusinessFactory()
    # Passes the file checks, but the certificate service refuses a number longer than 64 characters.
    refused = f",MADU-1,Madu Randu,Madu,madu,90000,3,500,Talun,Talun,halal:{'9' * 70},"
    with pytest.raises(ImportRejected) as excinfo:
        _import(_csv(GOOD_ROWS[0], refused, GOOD_ROWS[1]), business=business)
    assert [(p.row, p.column) for p in excinfo.value.problems] == [(3, "certifications")]
    assert Product.objects.count() == 0
    assert Certification.objects.count() == 0


def test_sellers_cannot_use_the_seller_column_for_another_business():
    mine, other = BusinessFactory(), BusinessFactory()
    with pytest.raises(ImportRejected) as excinfo:
        _import(_csv(GOOD_ROWS[0], seller=other.slug), business=mine, allow_seller_column=False)
    assert [(p.row, p.column) for p in excinfo.value.problems] == [(2, "seller")]
    assert Product.objects.count() == 0


def test_missing_columns_and_unknown_files_are_reported():
    with pytest.raises(ImportRejected) as excinfo:
        _import(b"sku,name\nA,B\n", business=BusinessFactory())
    assert {p.column for p in excinfo.value.problems} == {
        "category",
        "price_idr",
        "weight_grams",
        "kecamatan",
        "desa",
    }
    with pytest.raises(ImportRejected) as excinfo:
        _import(b"not a workbook", name="produk.xlsx", business=BusinessFactory())
    assert excinfo.value.problems[0].message == "Berkas XLSX tidak dapat dibaca."
    with pytest.raises(ImportRejected):
        _import(b"x", name="produk.pdf", business=BusinessFactory())


def test_xlsx_round_trip_through_export():
    business = BusinessFactory()
    _import(_csv(*GOOD_ROWS), business=business)
    from shop.importing import export_products

    content, content_type = export_products(products=Product.objects.filter(business=business), fmt="xlsx")
    assert content_type.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert {row[1] for row in rows[1:]} == {"KOPI-250", "GULA-500"}
    kopi = next(row for row in rows[1:] if row[1] == "KOPI-250")
    assert kopi[0] == business.slug and kopi[5] == 45000 and kopi[8] == "Wlingi" and kopi[9] == "Beru"
    assert kopi[10] == "halal:ID35110012345678:2027-01-31;pirt:2063505010123-27"
    # The export is a valid import file: it recreates the products.
    Product.objects.all().delete()
    result = _import(content, name="produk.xlsx", business=business)
    assert result.created == 2


def test_command_imports_with_image_paths_and_a_progress_bar(tmp_path, capsys):
    business = BusinessFactory()
    (tmp_path / "kopi.jpg").write_bytes(image_bytes("JPEG", (80, 80)))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    sheet.append(
        [
            business.slug,
            "KOPI-1",
            "Kopi Bubuk",
            "Kopi tubruk",
            "kopi",
            25000,
            10,
            260,
            "Wlingi",
            "Beru",
            "",
            "kopi.jpg",
        ]
    )
    workbook.save(tmp_path / "produk.xlsx")
    call_command("import_products", str(tmp_path / "produk.xlsx"))
    captured = capsys.readouterr()
    assert "1 created" in captured.out
    assert "import" in captured.err and "1/1" in captured.err  # tqdm progress bar
    kopi = Product.objects.get(sku="KOPI-1")
    assert kopi.photos.count() == 1 and kopi.photos.get().alt_text == "Kopi Bubuk"


def test_command_reports_bad_rows_and_imports_nothing(tmp_path, capsys):
    business = BusinessFactory()
    path = tmp_path / "produk.csv"
    path.write_bytes(_csv(",A,Nama,Desk,kopi,abc,1,1,Wlingi,Beru,,tidak-ada.jpg"))
    with pytest.raises(CommandError, match="Nothing imported: 2 problem"):
        call_command("import_products", str(path), "--seller", business.slug)
    err = capsys.readouterr().err
    assert "baris 2\tprice_idr\tHarga harus rupiah bulat" in err
    assert "baris 2\timage\tBerkas gambar tidak ditemukan: tidak-ada.jpg" in err
    assert Product.objects.count() == 0


def test_export_command_writes_the_import_format(tmp_path):
    item = approved_product(sku="EXP-1")
    path = tmp_path / "semua.csv"
    call_command("export_products", str(path))
    # For Excel set to Indonesian: the byte order mark, `;` between cells
    assert path.read_bytes().startswith("\ufeff".encode())
    header, row = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";")
    assert header == list(COLUMNS)
    assert row[:2] == [item.business.slug, "EXP-1"]


def test_dashboard_upload_shows_the_report_and_imports_nothing(client):
    business = BusinessFactory()
    client.force_login(business.memberships.get().user)
    content = _csv(GOOD_ROWS[0], ",BAD,Keripik,Keripik,keripik,0,1,100,Wlingi,Beru,,foto.jpg")
    response = client.post(
        f"{reverse('seller_product_import')}?usaha={business.slug}",
        {"file": SimpleUploadedFile("produk.csv", content, "text/csv")},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tidak ada yang diimpor: ditemukan 2 masalah." in html
    assert "Path gambar hanya dapat diimpor dengan perintah import-products" in html
    assert Product.objects.count() == 0


def test_semicolon_separated_csv_with_a_bom_is_read():
    business = BusinessFactory()
    content = (
        "\ufeffsku;name;category;price_idr;weight_grams;kecamatan;desa\n"
        "SMB-250;Sambal Pecel;sambal;20000;260;Kanigoro;Kanigoro\n"
    ).encode()
    result = _import(content, business=business)
    assert result.created == 1
    assert Product.objects.get(sku="SMB-250").origin_desa.parent.name == "Kanigoro"


# --- Issue 17: certifications as sellers write them ---------------------------------------------------------
def _cert_row(cell: str, sku: str = "MADU-1") -> str:
    return f',{sku},Madu Randu,Madu,madu,90000,3,500,Talun,Talun,"{cell}",'


def test_certifications_written_as_sellers_write_them_are_stored_in_their_normal_form():
    business = BusinessFactory()
    # Before issue 17 the BPOM cell was refused: the format wanted bpom_md:224015001234.
    cell = "bpom:MD 224015001234; P-IRT No. 2063505010123-27; Halal BPJPH ID 3511 0012 3456 78 2027-01-31"
    _import(_csv(_cert_row(cell)), business=business)
    madu = Product.objects.get(business=business, sku="MADU-1")
    certs = {(c.kind, c.number, str(c.expires_on)) for c in madu.certifications.all()}
    assert certs == {
        ("bpom_md", "224015001234", "None"),
        ("pirt", "2063505010123-27", "None"),
        ("halal", "ID35110012345678", "2027-01-31"),
    }
    # The same certificate written another way is the same certificate, not a second one.
    _import(_csv(_cert_row("BPOM RI MD 2240 1500 1234", sku="MADU-2")), business=business)
    assert Certification.objects.filter(business=business, kind="bpom_md").count() == 1
    # and the export writes the normal form
    from shop.importing import export_rows

    exported = {row[1]: row[10] for row in export_rows(Product.objects.filter(business=business))}
    assert exported["MADU-2"] == "bpom_md:224015001234"


def test_a_nonsense_certification_is_refused_with_a_message_naming_it():
    business = BusinessFactory()
    with pytest.raises(ImportRejected) as excinfo:
        _import(_csv(GOOD_ROWS[0], _cert_row("bpom:224015001234")), business=business)
    [problem] = excinfo.value.problems
    assert (problem.row, problem.column) == (3, "certifications")
    assert problem.message == (
        "“bpom:224015001234”: nomor BPOM diawali MD (pangan olahan dalam negeri) atau ML (pangan impor), "
        "mis. BPOM RI MD 224015001234."
    )
    assert Product.objects.count() == 0


def test_an_older_certificate_number_the_business_holds_imports_again():
    # Certificates added before the import read numbers strictly may hold any number: exported and imported
    # back, they stay the business's same certificate.
    from adimarko.core.services import certification_add

    item = approved_product(sku="LAMA-1")
    certification_add(business=item.business, kind="pirt", number="PIRT-LAMA")
    result = _import(_csv(_cert_row("pirt:PIRT-LAMA", sku="LAMA-1")), business=item.business)
    assert result.updated == 1
    assert list(item.business.certifications.values_list("kind", "number")) == [("pirt", "PIRT-LAMA")]
    other = BusinessFactory()
    with pytest.raises(ImportRejected):
        _import(_csv(_cert_row("pirt:PIRT-LAMA")), business=other)
