"""Who may see the programme's impact: `can_view_impact` for every role, every impact page and export for
every role, and the exports' privacy (aggregates only: no business, person or buyer in the CSV or XLSX)."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from adimarko.core.models import Business, User
from adimarko.core.permissions import can_view_impact
from adimarko.core.roles import Role
from adimarko.reporting.exports import XLSX_CONTENT_TYPE
from adimarko.reporting.selectors import FUNNEL_STAGES
from tests.factories import PASSWORD, BusinessFactory, UserFactory
from tests.incubation.factories import VALID_NIK, round_page, submitted

from .test_public import small_programme

pytestmark = pytest.mark.django_db

# The roles of the programme (adimarko/core/roles.py), anonymous visitors, and an account with Django's
# is_staff flag but without the Disperindag staff role (the role decides, not the flag).
ROLES = ("anonymous", "buyer", "seller", "jury", "trainer", "staff", "django_is_staff_flag")

LOG_IN = "Log in first."
STAFF_ONLY = "Only Disperindag staff may see the programme's impact figures."
EXPECTED = {
    "anonymous": (False, LOG_IN),
    "buyer": (False, STAFF_ONLY),
    "seller": (False, STAFF_ONLY),
    "jury": (False, STAFF_ONLY),
    "trainer": (False, STAFF_ONLY),
    "staff": (True, ""),
    "django_is_staff_flag": (False, STAFF_ONLY),
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def user_with(role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "seller":
        # A business member: registering a business gives its owner the seller role.
        return BusinessFactory().members.get()
    if role == "django_is_staff_flag":
        user = UserFactory()
        User.objects.filter(pk=user.pk).update(is_staff=True)
        return User.objects.get(pk=user.pk)
    return UserFactory(roles=(Role(role),))


@pytest.mark.parametrize("role", ROLES)
def test_can_view_impact_for_every_role(role):
    user = user_with(role)
    if role == "seller":
        assert user.groups.filter(name="Pelaku Usaha").exists()
    allowed, reason = EXPECTED[role]

    assert can_view_impact(user) == (allowed, _(reason) if reason else "")


def impact_urls(business) -> dict[str, str]:
    return {
        "dashboard": reverse("impact_dashboard"),
        "export csv": reverse("impact_export", kwargs={"fmt": "csv"}),
        "export xlsx": reverse("impact_export", kwargs={"fmt": "xlsx"}),
        "businesses": reverse("impact_businesses") + "?stage=applicants",
        "business": reverse("impact_business", kwargs={"slug": business.slug}),
    }


URL_NAMES = ("dashboard", "export csv", "export xlsx", "businesses", "business")


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize("role", ROLES)
def test_every_impact_page_for_every_role(client, role, name):
    business = BusinessFactory(name="Keripik Usaha Terdaftar")
    url = impact_urls(business)[name]
    assert url.startswith("/staf/dampak/")
    user = user_with(role)
    if role != "anonymous":
        client.force_login(user)

    response = client.get(url)

    allowed, reason = EXPECTED[role]
    if role == "anonymous":
        assert response.status_code == 302
        target = urlsplit(response.url)
        assert target.path == reverse("account_login")
        assert parse_qs(target.query)["next"] == [url]
    elif not allowed:
        assert response.status_code == 403
        assert escape(_(reason)) in response.content.decode()
        assert "Keripik Usaha Terdaftar" not in response.content.decode()
    else:
        assert response.status_code == 200
        if name == "export csv":
            assert response["Content-Type"] == "text/csv; charset=utf-8"
            assert response["Content-Disposition"].endswith('.csv"')
        elif name == "export xlsx":
            assert response["Content-Type"] == XLSX_CONTENT_TYPE
            assert response.content[:2] == b"PK"  # a zip container
        elif name == "business":
            assert "Keripik Usaha Terdaftar" in response.content.decode()


def test_staff_logs_in_and_reaches_the_dashboard(client):
    """Through the real login form: the `next` of the refusal brings staff back to the dashboard."""
    staff = UserFactory(roles=(Role.STAFF,), email="staf.dampak@disperindag.test")
    url = reverse("impact_dashboard")
    login = client.get(url).url

    response = client.post(login, {"username": staff.email, "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == url
    assert response.status_code == 200


# --- The exports hold aggregates only ---------------------------------------------------------------------
def xlsx_cells(content: bytes) -> list[tuple[str, openpyxl.cell.Cell]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [(sheet.title, cell) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")  # a BOM, so spreadsheet programs read UTF-8
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))  # `;`: Excel set to Indonesian


def test_exports_hold_no_business_person_or_buyer_data(client):
    programme, _expected = small_programme()
    client.force_login(programme.staff)
    # Every alumni sale of the data set, whatever its age: kopi 2 × 30.000, gula 45.000 (300 days ago),
    # sambal 3 × 10.000 (400 days ago); the refunded and unpaid ones are not counted. Other sellers: 20.000.
    alumni_revenue, alumni_orders, others_revenue = 135_000, 3, 20_000

    csv_content = client.get(reverse("impact_export", kwargs={"fmt": "csv"})).content
    xlsx_content = client.get(reverse("impact_export", kwargs={"fmt": "xlsx"})).content

    text = csv_content.decode("utf-8")
    assert [secret for secret in programme.secrets if secret in text] == []
    cells = xlsx_cells(xlsx_content)
    texts = [str(cell.value) for _sheet, cell in cells if cell.value is not None]
    assert [secret for secret in programme.secrets if any(secret in value for value in texts)] == []
    assert len(programme.secrets) > 40

    # The figures are there.
    whole = _("whole period")
    totals = {row[1]: row[7] for row in csv_rows(csv_content) if row[1] and row[6] == whole}
    assert (totals["I1"], totals["I2"], totals["I6"]) == (str(alumni_revenue), str(alumni_orders), "20000")
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_content))
    impact = next(sheet for sheet in workbook.worksheets if sheet["A3"].value in ("I1",))
    header = [cell.value for cell in impact[2]]
    rows = {row[0]: row for row in impact.iter_rows(min_row=3, values_only=True)}
    column = header.index(whole)
    assert (rows["I1"][column], rows["I2"][column], rows["I6"][column]) == (
        alumni_revenue,
        alumni_orders,
        others_revenue,
    )


def test_staff_pages_behind_the_figures_show_businesses_but_no_person(client):
    """Staff see which businesses stand behind a figure (name, NIB, kecamatan, journey), never the people: no
    owner or buyer name, email, phone, NIK or delivery address."""
    programme, _expected = small_programme()
    client.force_login(programme.staff)
    pages = [
        reverse("impact_dashboard"),
        *(reverse("impact_businesses") + f"?stage={stage}" for stage in FUNNEL_STAGES),
        *(reverse("impact_business", kwargs={"slug": business.slug}) for business in Business.objects.all()),
    ]

    html = {url: client.get(url).content.decode() for url in pages}

    assert all(VALID_NIK not in page for page in html.values())
    leaked = {url: [s for s in programme.personal if s in page] for url, page in html.items()}
    assert {url: found for url, found in leaked.items() if found} == {}
    applicants = html[reverse("impact_businesses") + "?stage=applicants"]
    assert "Kopi Lereng Kelud Sejahtera" in applicants and "9100000000101" in applicants
    assert "Madu Hutan Kelud" not in applicants  # a draft never reached staff


def test_a_formula_looking_round_title_is_plain_text_in_the_xlsx(client):
    staff = UserFactory(roles=(Role.STAFF,))
    title = '=HYPERLINK("http://contoh.test/curi","Klik di sini")'
    round = round_page(title=title)
    submitted(round=round, staff=staff)
    client.force_login(staff)

    response = client.get(reverse("impact_export", kwargs={"fmt": "xlsx"}), {"round": round.pk})

    assert response.status_code == 200
    cells = xlsx_cells(response.content)
    assert [(sheet, cell.coordinate) for sheet, cell in cells if cell.data_type == "f"] == []
    info = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    filters = [cell.value for row in info.iter_rows() for cell in row if title in str(cell.value or "")]
    assert len(filters) == 1
    assert not filters[0].startswith("=")
    assert filters[0].endswith(title)
