"""Staff create rounds in the Wagtail admin: inline rubric (weights must total 100), documents, dates."""

from datetime import UTC

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from incubation.models import RoundPage
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def _criterion(name, weight):
    return {
        "name": name,
        "description": "",
        "weight": weight,
        **{f"level_{n}": f"Tingkat {n}" for n in range(1, 6)},
    }


def _post(client, weights):
    home = Page.objects.get(depth=2, locale__language_code="id")
    data = nested_form_data(
        {
            "title": "Audisi Adi Marko 2028",
            "slug": "audisi-adi-marko-2028",
            "intro": "Panggilan untuk IKM.",
            "body": streamfield([("text", rich_text("<p>Halo</p>"))]),
            "opens_at": "2028-02-01 08:00",
            "closes_on": "2028-03-31",
            "quota": 50,
            "require_blitar_domicile": "on",
            "min_business_age_months": 6,
            "juries_per_application": 2,
            "disagreement_threshold": 20,
            "decisions_message": rich_text("<p>Terima kasih.</p>"),
            "categories": inline_formset([{"category": "snack"}]),
            "required_documents": inline_formset([{"label": "NIB", "help_text": "", "kind": "document"}]),
            "criteria": inline_formset([_criterion(f"K{i}", w) for i, w in enumerate(weights)], min=1),
            "action-publish": "publish",
        }
    )
    return client.post(f"/admin/pages/add/incubation/roundpage/{home.pk}/", data)


def test_staff_create_a_round_with_its_rubric_in_wagtail(client):
    client.force_login(staff_user())
    response = _post(client, [60, 40])
    assert response.status_code == 302, response.content.decode()[:2000]
    round = RoundPage.objects.get(slug="audisi-adi-marko-2028")
    assert round.live
    assert [(c.name, c.weight) for c in round.criteria.all()] == [("K0", 60), ("K1", 40)]
    assert round.eligible_category_values() == {"snack"}
    assert round.deadline.isoformat() == "2028-04-01T00:00:00+07:00"
    # The admin's 08:00 is WIB: 01:00 UTC.
    assert round.opens_at.astimezone(UTC).isoformat() == "2028-02-01T01:00:00+00:00"


def test_rubric_weights_not_totalling_100_are_refused(client):
    client.force_login(staff_user())
    response = _post(client, [60, 30])
    assert response.status_code == 200
    assert "Jumlah bobot rubrik harus 100 (sekarang 90)." in response.content.decode()
    assert not RoundPage.objects.filter(slug="audisi-adi-marko-2028").exists()
