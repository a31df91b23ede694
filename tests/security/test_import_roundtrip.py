"""Issue 15, items 6 and 7: the product import reads what the product export writes, whatever the text
(quotes, separators, line breaks, formula-like starts, any script, control characters), through the seller's
own dashboard; NUL never reaches the database."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shop.importing import COLUMNS, ImportRejected, import_products
from shop.models import Product
from tests.factories import BusinessFactory
from tests.shop.factories import approved_product

pytestmark = pytest.mark.django_db

# sku: (name as stored, name after the round trip), (description as stored, after the round trip).
# Control characters other than tab/LF/CR are removed; surrounding whitespace is trimmed, as the forms do.
NASTY = {
    "Q-01": (('Kopi "Robusta"; 250 g, asli', None), ('Baris satu\nBaris "dua"; tiga, empat', None)),
    "Q-02": (('=HYPERLINK("http://x","y")', None), ("=1+1", None)),
    "Q-03": (("+1 Keripik", None), ("- 100% arabika\n- 250 g", None)),
    "Q-04": (("-2 Gula", None), ("@SUM(A1)", None)),
    "Q-05": (("@SUM(A1)", None), ("'=sudah berapostrof", None)),
    "Q-06": (("\t=1+1 tab", "=1+1 tab"), ("\tawal tab\r\nbaris, dua", "awal tab\r\nbaris, dua")),
    "Q-07": (("Kopi é 🙂 ꦏꦺꦴꦥꦶ", None), ("Gula aren ꦒꦸꦭ 🙂 café", None)),
    "Q-08": (("Sambal\x0bPedas\x1b", "SambalPedas"), ("Baris\x0bdua\x0c", "Barisdua")),
    "Q-09": (("'-5 diskon", None), ("\"; =cmd|' /C calc'!A0", None)),
}


@pytest.fixture
def catalogue():
    business = BusinessFactory()
    for sku, ((name, _), (description, _)) in NASTY.items():
        item = approved_product(business=business, sku=sku, price=45000, on_hand=7, weight_grams=260)
        # Stored as-is, as data from before the input checks (or typed into a form that does not check) is.
        Product.objects.filter(pk=item.pk).update(name=name, description=description)
    return business, business.members.get()


def expected(fmt: str) -> dict[str, tuple]:
    found = {
        sku: (after_name if after_name is not None else name, after if after is not None else description)
        for sku, ((name, after_name), (description, after)) in NASTY.items()
    }
    if fmt == "xlsx":  # XML reads CRLF as LF: the line break stays
        found = {sku: (name, text.replace("\r\n", "\n")) for sku, (name, text) in found.items()}
    return found


def _stored(business) -> dict[str, tuple]:
    return {p.sku: (p.name, p.description) for p in Product.objects.filter(business=business)}


def _import(client, business, name: str, content: bytes):
    return client.post(
        f"{reverse('seller_product_import')}?usaha={business.slug}",
        {"file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("path", ["update", "create"])
def test_the_export_imports_back_to_the_same_products(client, catalogue, fmt, path):
    business, seller = catalogue
    client.force_login(seller)
    # Given the seller's catalogue exported from the dashboard
    response = client.get(reverse("seller_product_export"), {"usaha": business.slug, "format": fmt})
    assert response.status_code == 200
    # and the products since changed (or gone)
    if path == "update":
        Product.objects.filter(business=business).update(name="lama", description="lama", price=1)
    else:
        Product.objects.filter(business=business).delete()
    # When the file is imported again, unchanged
    imported = _import(client, business, f"produk.{fmt}", response.content)
    # Then every product is back as it was, control characters aside
    assert imported.status_code == 302, imported.content.decode()
    assert _stored(business) == expected(fmt)
    figures = Product.objects.filter(business=business).values_list("price", "stock", "weight_grams")
    assert set(figures) == {(45000, 7, 260)}


def test_quoted_fields_holding_quotes_and_separators_are_read(client):
    business = BusinessFactory()
    client.force_login(business.members.get())
    header = ",".join(COLUMNS)
    row = (
        f'{business.slug},KOPI-1,"Kopi ""Robusta"", 250 g","Kata ""enak""; sekali, ya",kopi,"Rp 45.000",'
        "3,260,Wlingi,Beru,,"
    )
    response = _import(client, business, "produk.csv", f"{header}\r\n{row}\r\n".encode())
    assert response.status_code == 302, response.content.decode()
    product = Product.objects.get(business=business, sku="KOPI-1")
    assert (product.name, product.description, product.price) == (
        'Kopi "Robusta", 250 g',
        'Kata "enak"; sekali, ya',
        45000,
    )


def test_a_semicolon_file_with_quoted_quotes_is_read():
    business = BusinessFactory()
    content = (
        "\ufeffsku;name;description;category;price_idr;weight_grams;kecamatan;desa\r\n"
        'SMB-1;"Sambal ""Bu Sumi""; pedas";"baris 1\nbaris 2";sambal;20000;260;Kanigoro;Kanigoro\r\n'
    ).encode()
    import_products(file=io.BytesIO(content), filename="produk.csv", by=None, business=business)
    product = Product.objects.get(sku="SMB-1")
    assert (product.name, product.description) == ('Sambal "Bu Sumi"; pedas', "baris 1\nbaris 2")


def test_nul_and_controls_in_an_uploaded_file_never_reach_the_database(client):
    business = BusinessFactory()
    client.force_login(business.members.get())
    header = ",".join(COLUMNS)
    row = f'{business.slug},NUL-1,"Kopi\x00 Robusta\x0b","Satu\x00\ndua\x1f",kopi,45000,3,260,Wlingi,Beru,,'
    response = _import(client, business, "produk.csv", f"{header}\n{row}\n".encode())
    assert response.status_code == 302, response.content.decode()
    product = Product.objects.get(business=business, sku="NUL-1")
    assert (product.name, product.description) == ("Kopi Robusta", "Satu\ndua")


def test_a_tab_or_line_break_in_a_name_becomes_a_space():
    business = BusinessFactory()
    content = (
        b"sku,name,category,price_idr,weight_grams,kecamatan,desa\n"
        b'TAB-1,"Kopi\tRobusta\n250 g",kopi,45000,260,Wlingi,Beru\n'
    )
    import_products(file=io.BytesIO(content), filename="produk.csv", by=None, business=business)
    assert Product.objects.get(sku="TAB-1").name == "Kopi Robusta 250 g"


@pytest.mark.parametrize("price", ["٤٥٠٠٠", "４５０００", "45000.5", "4.50"])
def test_prices_take_western_digits_and_whole_rupiah_only(price):
    business = BusinessFactory()
    content = (
        f"sku,name,category,price_idr,weight_grams,kecamatan,desa\nP-1,Kopi,kopi,{price},260,Wlingi,Beru\n"
    ).encode()
    with pytest.raises(ImportRejected) as rejected:
        import_products(file=io.BytesIO(content), filename="produk.csv", by=None, business=business)
    assert [(p.row, p.column) for p in rejected.value.problems] == [(2, "price_idr")]
    assert not Product.objects.filter(sku="P-1").exists()
