"""The assignment, review, session, QR-screen, report and participant pages pass the Nu HTML Checker (vnu)
with no errors, a form showing upload errors included."""

from datetime import timedelta

import pytest
from django.utils import timezone

from incubation.coaching.services.assignments import submission_create
from tests import realservices
from tests.incubation import coaching_factories as cf

pytestmark = [pytest.mark.vnu, pytest.mark.django_db]


def test_coaching_pages_have_no_html_errors(tmp_path, client):
    room = cf.Classroom(participants=2)
    now = timezone.now()
    session = cf.session(cohort=room.cohort, by=room.trainer, starts_at=now - timedelta(minutes=10))
    submission = submission_create(
        lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="Jawaban", photos=[cf.png()]
    )
    pages = []
    client.force_login(room.user)
    pages += [f"/inkubasi/tugas/{room.lesson.pk}/", "/inkubasi/sesi/"]
    responses = [client.get(path) for path in pages]
    client.force_login(room.people[1][0])
    invalid = client.post(
        f"/inkubasi/tugas/{room.lesson.pk}/",
        {"text": "x", "photos": [cf.upload("a.jpg", b"no", "image/jpeg")]},
    )
    client.force_login(room.trainer)
    trainer_paths = [
        "/pelatih/",
        "/pelatih/tugas/",
        f"/pelatih/tugas/{submission.pk}/",
        "/pelatih/sesi/",
        "/pelatih/sesi/baru/",
        f"/pelatih/sesi/{session.pk}/",
        f"/pelatih/sesi/{session.pk}/ubah/",
        f"/pelatih/sesi/{session.pk}/qr/",
        f"/pelatih/kehadiran/{room.cohort.pk}/",
    ]
    responses += [client.get(path) for path in trainer_paths]
    pages += trainer_paths
    pages.append("assignment form with errors")
    responses.append(invalid)
    files = []
    for number, (path, response) in enumerate(zip(pages, responses, strict=True)):
        assert response.status_code == 200, path
        target = tmp_path / f"page-{number:02d}.html"
        target.write_bytes(response.content)
        files.append((path, target))
    errors = realservices.vnu_errors(files)
    assert errors == [], "\n".join(errors)
