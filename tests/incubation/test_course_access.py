"""Course material is readable only by the cohort's participants, trainers and staff: when served, in admin
previews and "view draft", in classroom search, the admin search and the sitemap."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.test import Client, RequestFactory

from adimarko.core.roles import Role
from incubation.models import Enrollment, LessonProgress
from tests.factories import UserFactory, staff_user
from tests.incubation import cohort_factories as cf
from tests.incubation import course_factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cohorts():
    cohort_a = cf.cohort(participants=2, name="Angkatan A")
    cohort_b = cf.cohort(participants=1, name="Angkatan B")
    course_a = f.course_with_quiz(cohort=cohort_a)
    course_b = f.course_with_quiz(cohort=cohort_b, title="Berjualan di Marketplace")
    return cohort_a, cohort_b, course_a, course_b


def test_anonymous_visitors_are_sent_to_log_in_with_next(two_cohorts):
    _a, _b, course_a, _course_b = two_cohorts
    lesson = f.lesson(course_a, "Cahaya alami")
    for page in (course_a, f.module(course_a), lesson):
        response = Client().get(page.url)
        assert response.status_code == 302
        assert response["Location"] == f"/akun/masuk/?next={page.url}"


def test_people_without_rights_get_403_with_the_reason(two_cohorts):
    cohort_a, cohort_b, course_a, _course_b = two_cohorts
    lesson = f.lesson(course_a, "Cahaya alami")
    outsiders = [
        UserFactory(),  # a buyer
        cohort_b.people[0][0],  # a participant of the other cohort
        cohort_b.trainers.first(),  # a trainer of the other cohort
        UserFactory(roles=(Role.JURY,)),
    ]
    for user in outsiders:
        for page in (course_a, f.module(course_a), lesson):
            response = f.client_for(user).get(page.url)
            assert response.status_code == 403, (user, page)
            assert "Materi ini hanya untuk peserta Angkatan A." in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_a_withdrawn_participant_loses_access_but_a_graduate_keeps_it(two_cohorts):
    cohort_a, _b, course_a, _course_b = two_cohorts
    lesson = f.lesson(course_a, "Latar polos")
    # Enrollments follow business names, not `cohort.people`: pair them through the business.
    withdrawn, graduated = (cohort_a.enrollments.get(business=b) for _user, b in cohort_a.people)
    withdrawn.status = Enrollment.Status.WITHDRAWN
    withdrawn.save()
    graduated.status = Enrollment.Status.GRADUATED
    graduated.save()
    assert f.client_for(cohort_a.people[0][0]).get(lesson.url).status_code == 403
    response = f.client_for(cohort_a.people[1][0]).get(lesson.url)
    assert response.status_code == 200
    assert "Tandai selesai" not in response.content.decode()  # graduates read, they no longer record
    assert not LessonProgress.objects.exists()


def test_participants_trainers_and_staff_read_and_only_participants_leave_progress(two_cohorts):
    cohort_a, _b, course_a, _course_b = two_cohorts
    lesson = f.lesson(course_a, "Cahaya alami")
    participant = cohort_a.people[0][0]
    response = f.client_for(participant).get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Letakkan produk dekat jendela." in html
    assert "Cahaya apa yang paling baik untuk foto produk?" in html
    assert "download>Daftar cek cahaya" not in html  # the worksheet shows its own label
    assert "Unduh lembar kerja “Daftar cek cahaya”" in html
    progress = LessonProgress.objects.get()
    assert progress.enrollment.business == cohort_a.people[0][1]
    for user in (cohort_a.trainers.first(), staff_user()):
        assert f.client_for(user).get(lesson.url).status_code == 200
    assert LessonProgress.objects.count() == 1


def test_admin_preview_and_view_draft_refuse_other_cohorts_trainers(two_cohorts):
    cohort_a, cohort_b, course_a, _course_b = two_cohorts
    lesson = f.lesson(course_a, "Cahaya alami")
    lesson.intro = "Draf baru yang belum terbit"
    lesson.save_revision()
    own_trainer = f.client_for(cohort_a.trainers.first())
    response = own_trainer.get(f"/admin/pages/{lesson.pk}/view_draft/")
    assert response.status_code == 200
    assert "Draf baru yang belum terbit" in response.content.decode()
    other_trainer = f.client_for(cohort_b.trainers.first())
    response = other_trainer.get(f"/admin/pages/{lesson.pk}/view_draft/")
    assert response.status_code in (302, 403)
    assert "Draf baru yang belum terbit" not in response.content.decode()
    response = other_trainer.get(f"/admin/pages/{lesson.pk}/edit/preview/")
    assert response.status_code in (302, 403)
    plain = f.client_for(cohort_b.people[0][0])
    response = plain.get(f"/admin/pages/{lesson.pk}/view_draft/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_serve_preview_itself_refuses_people_without_rights(two_cohorts):
    """Even someone Wagtail would let edit (e.g. a page owner no longer training the cohort) sees no
    preview: the page checks course access in serve_preview."""
    cohort_a, cohort_b, course_a, _course_b = two_cohorts
    lesson = f.lesson(course_a, "Cahaya alami")
    request = RequestFactory().get("/")
    request.user = cohort_b.trainers.first()
    with pytest.raises(PermissionDenied):
        lesson.serve_preview(request, lesson.default_preview_mode)
    request.user = cohort_a.trainers.first()
    assert lesson.serve_preview(request, lesson.default_preview_mode).status_code == 200


def test_classroom_search_returns_only_lessons_of_courses_the_user_may_open(two_cohorts):
    cohort_a, cohort_b, course_a, course_b = two_cohorts
    lesson_a = f.lesson(course_a, "Latar polos")
    lesson_b = f.lesson(course_b, "Latar polos")
    url = "/inkubasi/kelas/cari/?q=karton"
    response = f.client_for(cohort_a.people[0][0]).get(url)
    assert response.status_code == 200
    results = list(response.context["results"])
    assert results == [lesson_a]
    assert [r.pk for r in f.client_for(cohort_b.people[0][0]).get(url).context["results"]] == [lesson_b.pk]
    assert list(f.client_for(UserFactory()).get(url).context["results"]) == []
    assert {r.pk for r in f.client_for(staff_user()).get(url).context["results"]} == {
        lesson_a.pk,
        lesson_b.pk,
    }
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/akun/masuk/?next=")


def test_quiz_answers_are_not_searchable(two_cohorts):
    cohort_a, _b, _course_a, _course_b = two_cohorts
    client = f.client_for(cohort_a.people[0][0])
    assert list(client.get("/inkubasi/kelas/cari/?q=neon").context["results"]) == []
    assert len(client.get("/inkubasi/kelas/cari/?q=tajam").context["results"]) == 1  # the question is


def test_the_sitemap_lists_no_course_material(two_cohorts):
    _a, _b, course_a, _course_b = two_cohorts
    body = Client().get("/sitemap-pages.xml").content.decode()
    assert "/kelas/" in body  # the classroom page itself is public
    assert course_a.slug not in body
    assert "cahaya-alami" not in body and "latar-polos" not in body


def test_the_admin_search_hides_other_cohorts_lessons(two_cohorts):
    cohort_a, cohort_b, course_a, _course_b = two_cohorts
    lesson_a = f.lesson(course_a, "Cahaya alami")
    response = f.client_for(cohort_b.trainers.first()).get("/admin/pages/search/?q=Cahaya")
    assert response.status_code == 200
    assert f"/admin/pages/{lesson_a.pk}/" not in response.content.decode()
    response = f.client_for(cohort_a.trainers.first()).get("/admin/pages/search/?q=Cahaya")
    assert f"/admin/pages/{lesson_a.pk}/" in response.content.decode()


def test_the_classroom_lists_only_the_courses_the_visitor_may_open(two_cohorts):
    cohort_a, _b, course_a, course_b = two_cohorts
    anonymous = Client().get("/kelas/").content.decode()
    assert course_a.title not in anonymous and course_b.title not in anonymous
    assert "/akun/masuk/?next=/kelas/" in anonymous
    html = f.client_for(cohort_a.people[0][0]).get("/kelas/").content.decode()
    assert course_a.title in html and course_b.title not in html
    html = f.client_for(UserFactory()).get("/kelas/").content.decode()
    assert "Anda belum memiliki kelas" in html


def test_worksheets_are_served_only_to_people_who_may_read_the_lesson(two_cohorts, settings, tmp_path):
    cohort_a, cohort_b, course_a, _course_b = two_cohorts
    # Wagtail serves documents from a local path: store the files on disk for this test.
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    lesson = f.lesson(course_a, "Cahaya alami")
    worksheet = next(block.value["document"] for block in lesson.body if block.block_type == "worksheet")
    worksheet.file.save("lembar-kerja.pdf", ContentFile(f.PDF))
    url = worksheet.url
    assert Client().get(url)["Location"].startswith("/akun/masuk/?next=")
    assert f.client_for(cohort_b.people[0][0]).get(url).status_code == 403
    for user in (cohort_a.people[0][0], cohort_a.trainers.first(), staff_user()):
        response = f.client_for(user).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    public = f.document("Brosur program")  # used in no lesson: public as before
    assert Client().get(public.url).status_code == 200


def test_staff_preview_a_new_course_before_choosing_a_cohort(two_cohorts):
    from incubation.models import CoursePage

    index = two_cohorts[2].get_parent()
    course = CoursePage(
        title="Kelas baru", slug="kelas-baru", depth=index.depth + 1, path=index.path + "ZZZZ"
    )
    request = RequestFactory().get("/")
    request.user = staff_user()
    response = course.serve_preview(request, course.default_preview_mode)
    assert response.status_code == 200
    assert "Kelas baru" in response.render().content.decode()
    request.user = two_cohorts[0].trainers.first()
    with pytest.raises(PermissionDenied):
        course.serve_preview(request, course.default_preview_mode)
