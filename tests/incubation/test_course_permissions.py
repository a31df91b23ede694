"""Trainers edit only their cohorts' courses in the Wagtail admin and publish through the moderation
workflow; staff do everything; other people nothing."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from incubation.classroom.services import course_create, course_page_approve, course_page_submit
from incubation.cohorts.services import cohort_set_trainers, trainer_group_name
from incubation.models import CoursePage, LessonPage
from tests.factories import UserFactory, staff_user
from tests.incubation import cohort_factories as cf
from tests.incubation import course_factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cohorts():
    cohort_a = cf.cohort(participants=1, name="Angkatan A")
    cohort_b = cf.cohort(participants=1, name="Angkatan B")
    course_a = f.course_with_quiz(cohort=cohort_a)
    course_b = f.course_with_quiz(cohort=cohort_b, title="Berjualan di Marketplace")
    return cohort_a, cohort_b, course_a, course_b


def _edit_form(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
    # The StreamField editor is drawn by JavaScript; these lessons have an empty body.
    data.update(nested_form_data({"body": streamfield([])}))
    return data


def _refused(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and not response["Location"].startswith("/admin/pages/")
    )


def test_a_trainer_cannot_touch_another_cohorts_course(two_cohorts):
    cohort_a, _cohort_b, _course_a, course_b = two_cohorts
    client = f.client_for(cohort_a.trainers.first())
    lesson_b = f.lesson(course_b, "Latar polos")
    module_b = f.module(course_b)
    for url in (
        f"/admin/pages/{lesson_b.pk}/edit/",
        f"/admin/pages/{course_b.pk}/edit/",
        f"/admin/pages/{lesson_b.pk}/view_draft/",
        f"/admin/pages/{lesson_b.pk}/edit/preview/",
        f"/admin/pages/add/incubation/lessonpage/{module_b.pk}/",
        f"/admin/pages/{lesson_b.pk}/delete/",
        f"/admin/pages/{lesson_b.pk}/unpublish/",
    ):
        assert _refused(client.get(url)), url
    response = client.post(f"/admin/pages/{lesson_b.pk}/edit/", {"title": "Diretas", "action-publish": "1"})
    assert _refused(response)
    assert LessonPage.objects.get(pk=lesson_b.pk).title == "Latar polos"
    assert not LessonPage.objects.get(pk=lesson_b.pk).has_unpublished_changes


def test_a_trainer_submits_their_lesson_and_a_co_trainer_approves_it(two_cohorts):
    cohort_a, cohort_b, course_a, _course_b = two_cohorts
    trainer = cohort_a.trainers.first()
    client = f.client_for(trainer)
    lesson = f.lesson(course_a, "Tugas: foto produk Anda")

    # A direct "Publish" is not offered and is refused: trainers publish by approval.
    data = _edit_form(client, lesson)
    assert 'name="action-publish"' not in client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    data["title"] = "Tugas: tiga foto produk"
    data["action-publish"] = "1"
    client.post(f"/admin/pages/{lesson.pk}/edit/", data)
    assert LessonPage.objects.get(pk=lesson.pk).title == "Tugas: foto produk Anda"

    data = _edit_form(client, lesson)
    data["title"] = "Tugas: tiga foto produk"
    data["action-submit"] = "1"
    response = client.post(f"/admin/pages/{lesson.pk}/edit/", data)
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert LessonPage.objects.get(pk=lesson.pk).title == "Tugas: foto produk Anda"  # not yet live

    # Trainers of another cohort cannot approve it.
    other = f.client_for(cohort_b.trainers.first())
    task_state = state.current_task_state
    response = other.post(f"/admin/pages/workflow/action/{lesson.pk}/approve/{task_state.pk}/", {})
    assert _refused(response)
    assert LessonPage.objects.get(pk=lesson.pk).title == "Tugas: foto produk Anda"

    # Nor can the trainer who submitted it: no "Setujui" is offered and a forged approval does nothing.
    page = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert 'data-workflow-action-name="approve"' not in page
    data = _edit_form(client, lesson)
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = "approve"
    client.post(f"/admin/pages/{lesson.pk}/edit/", data)
    response = client.post(f"/admin/pages/workflow/action/{lesson.pk}/approve/{task_state.pk}/", {})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert LessonPage.objects.get(pk=lesson.pk).title == "Tugas: foto produk Anda"

    # A co-trainer of the cohort approves it ("Setujui dan Publikasikan").
    co_trainer = cf.trainer()
    cohort_set_trainers(cohort=cohort_a, trainers=[trainer, co_trainer])
    co_client = f.client_for(co_trainer)
    assert (
        'data-workflow-action-name="approve"'
        in co_client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    )
    data = _edit_form(co_client, lesson)
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = "approve"
    response = co_client.post(f"/admin/pages/{lesson.pk}/edit/", data)
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    published = LessonPage.objects.get(pk=lesson.pk)
    assert published.live and published.title == "Tugas: tiga foto produk"
    assert not published.has_unpublished_changes


def test_a_trainer_cannot_publish_a_new_lesson_directly(two_cohorts):
    cohort_a, _cohort_b, course_a, _course_b = two_cohorts
    client = f.client_for(cohort_a.trainers.first())
    module = f.module(course_a)
    url = f"/admin/pages/add/incubation/lessonpage/{module.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()
    assert 'name="action-submit"' in response.content.decode()
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
    data.update(nested_form_data({"body": streamfield([])}))
    data.update({"title": "Pelajaran baru", "slug": "pelajaran-baru", "action-publish": "1"})
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    assert not LessonPage.objects.filter(title="Pelajaran baru").exists()

    data.pop("action-publish")
    data["action-submit"] = "1"
    assert client.post(url, data).status_code == 302
    created = LessonPage.objects.get(title="Pelajaran baru")
    assert not created.live
    assert WorkflowState.objects.get(object_id=str(created.pk)).status == WorkflowState.STATUS_IN_PROGRESS


def test_staff_edit_and_publish_any_course_directly(two_cohorts):
    _cohort_a, _cohort_b, _course_a, course_b = two_cohorts
    client = f.client_for(staff_user())
    lesson = f.lesson(course_b, "Tugas: foto produk Anda")
    data = _edit_form(client, lesson)
    assert "action-publish" in client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    data["title"] = "Tugas oleh staf"
    data["action-publish"] = "1"
    assert client.post(f"/admin/pages/{lesson.pk}/edit/", data).status_code == 302
    assert LessonPage.objects.get(pk=lesson.pk).title == "Tugas oleh staf"


def test_people_who_are_not_trainers_have_no_admin_access(two_cohorts):
    cohort_a, _cohort_b, course_a, _course_b = two_cohorts
    lesson = f.lesson(course_a, "Latar polos")
    for user in (UserFactory(), cohort_a.people[0][0]):
        response = f.client_for(user).get(f"/admin/pages/{lesson.pk}/edit/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    lonely_trainer = f.client_for(cf.trainer())  # a trainer of no cohort
    assert _refused(lonely_trainer.get(f"/admin/pages/{lesson.pk}/edit/"))
    assert _refused(lonely_trainer.get("/admin/kelas/baru/"))


def test_the_course_form_offers_only_the_trainers_cohorts(two_cohorts):
    cohort_a, cohort_b, course_a, _course_b = two_cohorts
    html = f.client_for(cohort_a.trainers.first()).get(f"/admin/pages/{course_a.pk}/edit/").content.decode()
    assert "Angkatan A" in html and "Angkatan B" not in html
    html = f.client_for(staff_user()).get(f"/admin/pages/{course_a.pk}/edit/").content.decode()
    assert "Angkatan A" in html and "Angkatan B" in html


def test_a_trainer_creates_a_course_only_for_their_cohort(two_cohorts):
    cohort_a, cohort_b, _course_a, _course_b = two_cohorts
    client = f.client_for(cohort_a.trainers.first())
    response = client.post("/admin/kelas/baru/", {"cohort": cohort_b.pk, "title": "Kelas Curian"})
    assert response.status_code == 200 and not CoursePage.objects.filter(title="Kelas Curian").exists()
    response = client.post("/admin/kelas/baru/", {"cohort": cohort_a.pk, "title": "Branding Produk Blitar"})
    course = CoursePage.objects.get(title="Branding Produk Blitar")
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{course.pk}/edit/"
    assert course.cohort == cohort_a and not course.live
    assert client.get(f"/admin/pages/{course.pk}/edit/").status_code == 200
    # The other cohort's trainers do not get it.
    assert _refused(f.client_for(cohort_b.trainers.first()).get(f"/admin/pages/{course.pk}/edit/"))
    # Adding a course directly under the classroom page sends trainers to this form.
    index = course.get_parent()
    response = client.get(f"/admin/pages/add/incubation/coursepage/{index.pk}/")
    assert _refused(response) or response["Location"] == "/admin/kelas/baru/"


def test_changing_a_cohorts_trainers_moves_the_page_rights(two_cohorts):
    cohort_a, _cohort_b, course_a, _course_b = two_cohorts
    old, new = cohort_a.trainers.first(), cf.trainer()
    cohort_set_trainers(cohort=cohort_a, trainers=[new])
    group = Group.objects.get(name=trainer_group_name(cohort_a))
    assert list(group.user_set.all()) == [new]
    lesson = f.lesson(course_a, "Latar polos")
    assert f.client_for(new).get(f"/admin/pages/{lesson.pk}/edit/").status_code == 200
    assert _refused(f.client_for(old).get(f"/admin/pages/{lesson.pk}/edit/"))


def test_course_services_check_the_cohort(two_cohorts):
    from django.core.exceptions import PermissionDenied

    cohort_a, cohort_b, _course_a, course_b = two_cohorts
    with pytest.raises(PermissionDenied):
        course_create(cohort=cohort_b, title="X", by=cohort_a.trainers.first())
    lesson = f.lesson(course_b, "Latar polos")
    lesson.title = "Latar kain"
    lesson.save_revision()
    with pytest.raises(PermissionDenied):
        course_page_submit(page=lesson, by=cohort_a.trainers.first())
    assert LessonPage.objects.get(pk=lesson.pk).title == "Latar polos"
    course_page_submit(page=lesson, by=cohort_b.trainers.first())
    with pytest.raises(PermissionDenied):  # nobody approves what they submitted
        course_page_approve(page=lesson, by=cohort_b.trainers.first())
    with pytest.raises(PermissionDenied):
        course_page_approve(page=lesson, by=cohort_a.trainers.first())
    assert LessonPage.objects.get(pk=lesson.pk).title == "Latar polos"
    course_page_approve(page=lesson, by=staff_user())
    assert LessonPage.objects.get(pk=lesson.pk).title == "Latar kain"
