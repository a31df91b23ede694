"""The staff pages and exports built from the hand-checked data set carry no personal data they do not need
(UU PDP: NIK never in full)."""

import io
import re
import zipfile

import pytest
from django.urls import reverse

from tests.factories import staff_user
from tests.incubation.factories import VALID_NIK
from tests.orders.factories import ADDRESS_IN_REGENCY

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Who may open each impact page is the role matrix of test_permissions.py; here: what the pages hold.


def personal_data(data) -> list[str]:
    """Strings that must never appear in an aggregate export: the owners' NIK, e-mail addresses and phone
    numbers, the buyers' e-mail addresses and the recipient's name on the delivery address."""
    values = [VALID_NIK, ADDRESS_IN_REGENCY["recipient_name"]]
    values += [user.email for user in data.buyers.values()]
    values += [user.email for user in data.owners.values()]
    values += [business.phone for business in data.businesses.values()]
    return values


def xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_carry_no_personal_data(client, impact_data, fmt):
    client.force_login(staff_user())
    response = client.get(reverse("impact_export", kwargs={"fmt": fmt}))
    assert response.status_code == 200
    content = response.content
    text = content.decode("utf-8-sig") if fmt == "csv" else xlsx_text(content)
    assert "Wlingi" in text  # the kecamatan table is there: the export is not empty
    for value in personal_data(impact_data):
        assert value not in text, value
    assert not re.search(r"\b35\d{14}\b", text)  # no NIK-shaped number at all


def test_business_journey_page_never_shows_the_nik_in_full(client, impact_data):
    client.force_login(staff_user())
    b4 = impact_data.businesses["B4"]
    response = client.get(reverse("impact_business", kwargs={"slug": b4.slug}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sambal Bu Tin" in page
    assert VALID_NIK not in page


def test_drill_down_lists_only_the_businesses_behind_the_figure(client, impact_data):
    client.force_login(staff_user())
    response = client.get(
        reverse("impact_businesses"),
        {"stage": "graduated", "round_id": impact_data.rounds["R25"].pk},
    )
    assert response.status_code == 200
    listed = sorted(business.pk for business in response.context["page"].object_list)
    assert listed == sorted(impact_data.ids("B1", "B2"))
    page = response.content.decode()
    assert "Kopi Sumber Wlingi" in page and "Keripik Melati" in page
    assert "Sambal Bu Tin" not in page  # graduated in the 2026 cohort
    assert VALID_NIK not in page
