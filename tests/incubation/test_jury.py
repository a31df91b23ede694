"""Assignment (manual, balanced automatic), conflicts of interest and reassignment."""

import pytest
from django.core.exceptions import ValidationError

from incubation.audition.services.jury import conflict_declare, jury_assign, jury_auto_assign
from incubation.models import JuryAssignment
from tests.factories import UserFactory
from tests.incubation.factories import assign, jury, round_page, submitted

pytestmark = pytest.mark.django_db


def test_automatic_assignment_is_balanced_and_fills_each_application():
    round = round_page(juries_per_application=2)
    applications = [submitted(round=round) for _ in range(3)]
    juries = [jury() for _ in range(3)]
    assert jury_auto_assign(round=round, by=None) == 6
    loads = sorted(JuryAssignment.objects.filter(jury=j).count() for j in juries)
    assert loads == [2, 2, 2]
    for application in applications:
        assert application.assignments.active().count() == 2
    # Running it again makes nothing new.
    assert jury_auto_assign(round=round, by=None) == 0


def test_a_declared_conflict_reassigns_to_the_least_loaded_other_jury():
    round = round_page(juries_per_application=1)
    application = submitted(round=round)
    busy, conflicted, free = jury(), jury(), jury()
    other = submitted(round=round)
    assign(other, busy)
    assignment = assign(application, conflicted)
    replacement = conflict_declare(
        assignment=assignment, reason="Saudara kandung pemilik usaha", by=conflicted
    )
    assert replacement is not None
    assert replacement.jury == free
    assert replacement.automatic is True
    assignment.refresh_from_db()
    assert assignment.conflict_declared_at is not None
    assert assignment.conflict_reason == "Saudara kandung pemilik usaha"
    assert list(application.assignments.active().values_list("jury", flat=True)) == [free.pk]
    # The conflicted jury can never be assigned again to this application.
    with pytest.raises(ValidationError):
        jury_assign(application=application, jury=conflicted, by=None)


def test_conflict_needs_a_reason():
    round = round_page()
    assignment = assign(submitted(round=round), jury())
    with pytest.raises(ValidationError):
        conflict_declare(assignment=assignment, reason="  ", by=assignment.jury)
    assignment.refresh_from_db()
    assert assignment.conflict_declared_at is None


def test_only_juries_and_only_eligible_applications_are_assigned():
    round = round_page()
    application = submitted(round=round)
    with pytest.raises(ValidationError):
        jury_assign(application=application, jury=UserFactory(), by=None)
    not_screened = submitted(round=round, eligible=False)
    with pytest.raises(ValidationError):
        jury_assign(application=not_screened, jury=jury(), by=None)


def test_declaring_a_conflict_from_the_jury_page_passes_the_application_on(client):
    round = round_page(juries_per_application=1)
    application = submitted(round=round)
    conflicted, other = jury(), jury()
    assignment = assign(application, conflicted)
    client.force_login(conflicted)
    from django.urls import reverse

    response = client.post(reverse("jury_conflict", args=[assignment.pk]), {"reason": ""}, follow=True)
    assert "Jelaskan singkat mengapa Anda memiliki konflik kepentingan." in response.content.decode()
    response = client.post(
        reverse("jury_conflict", args=[assignment.pk]), {"reason": "Tetangga"}, follow=True
    )
    assert "Lamaran telah dialihkan ke juri lain." in response.content.decode()
    assert application.code not in response.content.decode()  # gone from the conflicted jury's list
    assert list(application.assignments.active().values_list("jury", flat=True)) == [other.pk]
    assert client.get(reverse("jury_application", args=[assignment.pk])).status_code == 404


def test_withdrawn_applications_leave_the_jury_list(client):
    from django.urls import reverse

    from incubation.audition.services.applications import application_withdraw

    round = round_page()
    application = submitted(round=round)
    juror = jury()
    assign(application, juror)
    application_withdraw(application=application, by=application.applicant)
    client.force_login(juror)
    assert application.code not in client.get(reverse("jury_home")).content.decode()
