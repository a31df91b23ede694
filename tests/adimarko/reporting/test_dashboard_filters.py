"""The staff dashboard reads its filters from the query string (round, cohort, sector, start, end) and shows
the figures worked out by hand in tests/adimarko/reporting/dataset.py."""

import pytest
from django.urls import reverse

from adimarko.reporting.selectors import FUNNEL_STAGES
from tests.factories import staff_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def figures(sales):
    return (sales.orders, sales.revenue, sales.average_order, sales.buyers, sales.repeat_buyers)


def funnel(dashboard):
    return {row.round_id: tuple(getattr(row, stage) for stage in FUNNEL_STAGES) for row in dashboard.funnel}


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user())
    return client


def dashboard(client, **params):
    response = client.get(reverse("impact_dashboard"), params)
    assert response.status_code == 200
    return response.context["dashboard"]


def test_dashboard_without_filters(staff_client, impact_data):
    board = dashboard(staff_client)
    r25, r26 = impact_data.rounds["R25"].pk, impact_data.rounds["R26"].pk
    assert funnel(board) == {r26: (5, 4, 2, 2, 2), r25: (5, 4, 3, 2, 1)}
    assert tuple(getattr(board.total, stage) for stage in FUNNEL_STAGES) == (10, 8, 5, 4, 3)
    assert figures(board.sales.alumni) == (6, 480002, 80000, 4, 1)
    assert figures(board.sales.others) == (4, 480000, 120000, 3, 1)
    assert figures(board.sales.overall) == (10, 960002, 96000, 4, 3)
    assert [row.name for row in board.kecamatan[:4]] == ["Kanigoro", "Wlingi", "Srengat", "Wonotirto"]


def test_dashboard_period_from_the_query_string(staff_client, impact_data):
    board = dashboard(staff_client, start="2026-01-01", end="2026-06-10")
    assert funnel(board) == {impact_data.rounds["R26"].pk: (5, 4, 2, 2, 1)}
    assert figures(board.sales.alumni) == (4, 150002, 37501, 3, 0)
    assert figures(board.sales.overall) == (5, 300002, 60000, 3, 0)


def test_dashboard_sector_round_and_cohort_from_the_query_string(staff_client, impact_data):
    board = dashboard(staff_client, sector="snack")
    assert figures(board.sales.alumni) == (2, 50002, 25001, 2, 0)
    assert figures(board.sales.others) == (1, 45000, 45000, 1, 0)

    r25 = impact_data.rounds["R25"]
    board = dashboard(staff_client, round=r25.pk)
    assert funnel(board) == {r25.pk: (5, 4, 3, 2, 1)}
    assert figures(board.sales.alumni) == (4, 210002, 52501, 3, 1)

    board = dashboard(staff_client, cohort=impact_data.cohorts["C26"].pk)
    assert funnel(board) == {impact_data.rounds["R26"].pk: (5, 4, 2, 2, 2)}
    assert figures(board.sales.alumni) == (2, 270000, 135000, 2, 0)
    assert figures(board.sales.others) == (4, 480000, 120000, 3, 1)


def test_dashboard_page_shows_the_figures_in_rupiah(staff_client, impact_data):
    response = staff_client.get(reverse("impact_dashboard"))
    page = response.content.decode()
    assert "Rp 480.002" in page  # alumni revenue
    assert "Rp 960.002" in page  # overall revenue


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-13-45"},
        {"end": "kemarin"},
        {"start": "2026-06-10", "end": "2026-01-01"},
        {"sector": "nuklir"},
        {"round": "abc"},
        {"round": "999999"},
        {"cohort": "-1"},
    ],
)
def test_bad_filters_answer_with_the_page_not_an_error(staff_client, impact_data, params):
    response = staff_client.get(reverse("impact_dashboard"), params)
    assert response.status_code == 200
    assert response.context["form"].errors  # the filter form says what is wrong


def test_unknown_export_format_is_not_found(staff_client):
    assert staff_client.get(reverse("impact_export", kwargs={"fmt": "pdf"})).status_code == 404
