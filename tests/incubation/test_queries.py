"""Staff and jury lists read in a fixed number of queries, whatever the number of applications (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incubation.audition.services.jury import review_submit
from tests.factories import staff_user
from tests.incubation.factories import assign, jury, round_page, submitted

pytestmark = pytest.mark.django_db


def _scored(round, juror, count):
    for _ in range(count):
        application = submitted(round=round)
        review_submit(
            assignment=assign(application, juror), scores={c.pk: (4, "") for c in round.criteria.all()}
        )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["staff_audition_ranking", "staff_audition_round", "staff_audition_export"])
def test_staff_pages_do_not_grow_with_the_number_of_applications(client, name):
    round = round_page()
    juror = jury()
    client.force_login(staff_user())
    url = reverse(name, args=[round.pk])
    _scored(round, juror, 2)
    few = _queries(client, url)
    _scored(round, juror, 4)
    assert _queries(client, url) == few


def test_jury_list_does_not_grow_with_assignments(client):
    round = round_page()
    juror = jury()
    client.force_login(juror)
    _scored(round, juror, 2)
    few = _queries(client, reverse("jury_home"))
    _scored(round, juror, 4)
    assert _queries(client, reverse("jury_home")) == few
