"""Staff pages: screening, manual and automatic assignment, ranking filters, decisions, report, bad input."""

import pytest
from django.urls import reverse

from incubation.audition.services.decisions import decision_template_save
from incubation.models import Application, DecisionTemplate, JuryAssignment, Status
from tests.factories import staff_user
from tests.incubation.factories import assign, jury, round_page, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user())
    return client


def test_screening_form_requires_a_reason_then_records_it(staff_client):
    round = round_page()
    application = submitted(round=round, eligible=False)
    url = reverse("staff_audition_application", args=[application.pk])
    page = staff_client.get(url).content.decode()
    assert "Usaha berlokasi di Kabupaten Blitar" in page and "✓" in page
    response = staff_client.post(url, {"screen": "1", "eligible": "0", "reason": ""})
    assert "Pilih alasan lamaran tidak memenuhi syarat." in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == Status.SUBMITTED
    staff_client.post(url, {"screen": "1", "eligible": "1", "reason": "", "note": ""})
    assert Application.objects.get(pk=application.pk).status == Status.ELIGIBLE


def test_manual_and_automatic_assignment_from_the_pages(staff_client):
    round = round_page(juries_per_application=2)
    application = submitted(round=round)
    first, second = jury(), jury()
    url = reverse("staff_audition_application", args=[application.pk])
    staff_client.post(url, {"assign": "1", "jury": first.pk})
    assert list(application.assignments.values_list("jury", flat=True)) == [first.pk]
    response = staff_client.post(reverse("staff_audition_auto_assign", args=[round.pk]), follow=True)
    assert "1 penugasan dibuat." in response.content.decode()
    assert set(application.assignments.values_list("jury", flat=True)) == {first.pk, second.pk}
    assert JuryAssignment.objects.get(jury=second).automatic is True


def test_ranking_filters_and_batch_decision_with_a_template(staff_client):
    round = round_page()
    a, b = submitted(round=round), submitted(round=round)
    b.category = "craft"
    b.save(update_fields=["category"])
    url = reverse("staff_audition_ranking", args=[round.pk])
    page = staff_client.get(url, {"category": "craft"}).content.decode()
    assert b.business.name in page and a.business.name not in page
    template = decision_template_save(
        name="Terima",
        outcome="accepted",
        reason="top_score",
        body="Selamat {business}, sampai jumpa di {round}!",
    )
    response = staff_client.post(
        url,
        {"applications": [a.pk, "x"], "outcome": "accepted", "reason": "top_score", "template": template.pk},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == Status.ACCEPTED
    assert a.decision_message == f"Selamat {a.business.name}, sampai jumpa di {round.title}!"
    # Nothing selected: a clear error, no 500.
    response = staff_client.post(
        url, {"outcome": "rejected", "reason": "quota", "message": "Maaf"}, follow=True
    )
    assert "Pilih setidaknya satu lamaran." in response.content.decode()
    assert DecisionTemplate.objects.count() == 1


def test_report_page_shows_the_funnel(staff_client):
    round = round_page()
    application = submitted(round=round)
    assign(application, jury())
    page = staff_client.get(reverse("staff_audition_report", args=[round.pk])).content.decode()
    assert "Wlingi" in page and "Camilan (keripik, kerupuk)" in page


def test_bad_deletion_request_id_is_a_404_not_a_500(staff_client):
    assert staff_client.post(reverse("staff_audition_deletions"), {"request": "abc"}).status_code == 404


def test_ranking_sorts_by_name_and_filters_by_kecamatan(staff_client):
    from tests.factories import BusinessFactory, UserFactory, desa

    round = round_page()
    user = UserFactory()
    zebra = BusinessFactory(owner=user, name="Zebra Keripik", desa=desa("35.05.17.1001"))  # Wlingi
    user2 = UserFactory()
    apel = BusinessFactory(owner=user2, name="Apel Madu", desa=desa("35.05.01.2001"))
    submitted(round=round, user=user, business=zebra)
    submitted(round=round, user=user2, business=apel)
    url = reverse("staff_audition_ranking", args=[round.pk])
    page = staff_client.get(url, {"sort": "name"}).content.decode()
    assert page.index("Apel Madu") < page.index("Zebra Keripik")
    page = staff_client.get(url, {"kecamatan": "35.05.17"}).content.decode()
    assert "Zebra Keripik" in page and "Apel Madu" not in page
