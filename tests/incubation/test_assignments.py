"""Assignments end to end: submit, review (pass / revision with feedback), resubmit, history, email."""

from datetime import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from adimarko.core.roles import Role
from incubation.audition.models.rounds import WIB
from incubation.coaching.progress import enrollment_progress
from incubation.coaching.services.assignments import submission_create, submission_review
from incubation.models import AssignmentSubmission, Enrollment
from tests.factories import UserFactory
from tests.incubation import coaching_factories as cf
from tests.incubation import cohort_factories as f

pytestmark = pytest.mark.django_db
Status = AssignmentSubmission.Status


@pytest.fixture
def room():
    return cf.Classroom()


def test_submit_review_revise_and_pass_keeps_the_whole_history(room, django_capture_on_commit_callbacks):
    when = datetime(2026, 7, 2, 10, 0, tzinfo=WIB)
    first = submission_create(
        lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="Foto pertama", now=when
    )
    room.enrollment.refresh_from_db()
    assert first.status == Status.SUBMITTED
    assert room.enrollment.last_activity_at == when

    with pytest.raises(ValidationError) as waiting:
        submission_create(lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="Lagi")
    assert waiting.value.code == "not_allowed"

    with pytest.raises(ValidationError) as no_feedback:
        submission_review(submission=first, by=room.trainer, decision=Status.REVISION, feedback="  ")
    assert "feedback" in no_feedback.value.message_dict

    with django_capture_on_commit_callbacks(execute=True):
        submission_review(
            submission=first, by=room.trainer, decision=Status.REVISION, feedback="Cahaya kurang terang."
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [room.user.email]
    assert "Cahaya kurang terang." in mail.outbox[0].body
    assert f"/inkubasi/tugas/{room.lesson.pk}/" in mail.outbox[0].body
    assert "perlu direvisi" in mail.outbox[0].subject

    second = submission_create(
        lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="Foto kedua"
    )
    with pytest.raises(ValidationError):
        submission_review(submission=first, by=room.trainer, decision=Status.PASSED)  # already reviewed
    submission_review(submission=second, by=room.trainer, decision=Status.PASSED, feedback="Bagus!")

    history = list(
        AssignmentSubmission.objects.filter(enrollment=room.enrollment, lesson=room.lesson).order_by("pk")
    )
    assert [(s.text, s.status, s.feedback) for s in history] == [
        ("Foto pertama", Status.REVISION, "Cahaya kurang terang."),
        ("Foto kedua", Status.PASSED, "Bagus!"),
    ]
    assert history[1].reviewed_by == room.trainer
    assert enrollment_progress(room.enrollment).assignments_passed == 1
    with pytest.raises(ValidationError) as passed:
        submission_create(lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="Setelah lulus")
    assert passed.value.code == "not_allowed"


def test_an_empty_submission_or_a_lesson_without_assignment_is_refused(room):
    with pytest.raises(ValidationError) as empty:
        submission_create(lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="   ")
    assert "text" in empty.value.message_dict
    plain = f.lessons(room.course)[0]
    assert not plain.requires_submission
    with pytest.raises(ValidationError) as no_assignment:
        submission_create(lesson=plain, enrollment=room.enrollment, by=room.user, text="Jawaban")
    assert no_assignment.value.code == "no_assignment"
    assert AssignmentSubmission.objects.count() == 0


def test_a_lesson_of_another_cohort_and_an_ended_enrollment_are_refused(room):
    other = cf.Classroom(name="Angkatan Lain")
    with pytest.raises(ValidationError) as foreign:
        submission_create(lesson=other.lesson, enrollment=room.enrollment, by=room.user, text="Jawaban")
    assert foreign.value.code == "no_assignment"
    Enrollment.objects.filter(pk=room.enrollment.pk).update(status=Enrollment.Status.WITHDRAWN)
    with pytest.raises(ValidationError):
        submission_create(lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="Jawaban")
    assert AssignmentSubmission.objects.count() == 0


def test_participant_submits_and_trainer_returns_feedback_through_the_pages(
    room, client, django_capture_on_commit_callbacks
):
    url = reverse("assignment_detail", args=[room.lesson.pk])
    client.force_login(room.user)
    page = client.get(url)
    assert page.status_code == 200
    assert "Unggah tiga foto produk Anda." in page.content.decode()

    response = client.post(url, {"text": "Deskripsi produk saya", "photos": [cf.png("kopi.png")]})
    assert response.status_code == 302
    submission = AssignmentSubmission.objects.get()
    assert submission.text == "Deskripsi produk saya"
    assert submission.files.get().kind == "photo"

    again = client.post(url, {"text": "Kirim dua kali"}, follow=True)
    assert AssignmentSubmission.objects.count() == 1
    assert "Kirim dua kali" not in again.content.decode()

    client.force_login(room.trainer)
    queue = client.get(reverse("assignment_queue"))
    assert queue.status_code == 200
    assert room.business.name in queue.content.decode()
    review_url = reverse("assignment_review", args=[submission.pk])
    assert client.get(review_url).status_code == 200
    refused = client.post(review_url, {"decision": "revision", "feedback": ""})
    assert refused.status_code == 200
    assert "feedback" in refused.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(review_url, {"decision": "revision", "feedback": "Tambahkan harga."})
    assert done.status_code == 302
    assert len(mail.outbox) == 1

    client.force_login(room.user)
    page = client.get(url).content.decode()
    assert "Tambahkan harga." in page
    assert "Deskripsi produk saya" in page
    client.post(url, {"text": "Revisi dengan harga Rp 25.000"})
    assert list(AssignmentSubmission.objects.order_by("pk").values_list("status", flat=True)) == [
        Status.REVISION,
        Status.SUBMITTED,
    ]


def test_review_queue_filters_and_trainers_see_only_their_cohorts(room, client):
    other = cf.Classroom(name="Angkatan Lain")
    mine = submission_create(lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="Milik saya")
    theirs = submission_create(lesson=other.lesson, enrollment=other.enrollment, by=other.user, text="Lain")
    client.force_login(room.trainer)
    listed = list(client.get(reverse("assignment_queue")).context["page"].object_list)
    assert listed == [mine]
    staff = UserFactory(roles=(Role.STAFF,))
    client.force_login(staff)
    assert {s.pk for s in client.get(reverse("assignment_queue")).context["page"].object_list} == {
        mine.pk,
        theirs.pk,
    }
    filtered = client.get(reverse("assignment_queue"), {"cohort": other.cohort.pk})
    assert list(filtered.context["page"].object_list) == [theirs]
    by_lesson = client.get(reverse("assignment_queue"), {"lesson": room.lesson.pk})
    assert list(by_lesson.context["page"].object_list) == [mine]
    client.force_login(other.trainer)
    assert client.get(reverse("assignment_review", args=[mine.pk])).status_code == 403


def test_lesson_panel_include_shows_status_feedback_and_link(room, rf):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = room.user
    html = render_to_string(
        "incubation/includes/lesson_assignment.html",
        {"page": room.lesson, "enrollment": room.enrollment, "request": request},
    )
    assert reverse("assignment_detail", args=[room.lesson.pk]) in html
    submission = submission_create(lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="x")
    submission_review(
        submission=submission, by=room.trainer, decision=Status.REVISION, feedback="Perlu harga."
    )
    html = render_to_string(
        "incubation/includes/lesson_assignment.html",
        {"page": room.lesson, "enrollment": room.enrollment, "request": request},
    )
    assert "Perlu harga." in html
    assert "status-revision" in html
    request.user = room.trainer
    html = render_to_string(
        "incubation/includes/lesson_assignment.html",
        {"page": room.lesson, "enrollment": None, "request": request},
    )
    assert reverse("assignment_queue") in html


def test_review_queue_and_history_do_not_query_per_submission(room, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    more = cf.Classroom(participants=4, name="Angkatan Ramai")
    client.force_login(more.trainer)
    first_user, first_business = more.people[0]
    submission_create(
        lesson=more.lesson,
        enrollment=more.enrollment_of(first_business),
        by=first_user,
        text="1",
        photos=[cf.png()],
    )
    client.get(reverse("assignment_queue"))  # warm the caches (category tree in the header) before counting
    one = count_queries(reverse("assignment_queue"))
    for user, business in more.people[1:]:
        submission_create(
            lesson=more.lesson, enrollment=more.enrollment_of(business), by=user, text="n", photos=[cf.png()]
        )
    assert count_queries(reverse("assignment_queue")) == one
    enrollment = more.enrollment_of(first_business)
    latest = AssignmentSubmission.objects.get(enrollment=enrollment)
    history_one = count_queries(reverse("assignment_review", args=[latest.pk]))
    submission_review(submission=latest, by=more.trainer, decision=Status.REVISION, feedback="Lagi")
    again = submission_create(
        lesson=more.lesson, enrollment=enrollment, by=first_user, text="2", photos=[cf.png(), cf.png()]
    )
    assert count_queries(reverse("assignment_review", args=[again.pk])) == history_one
