"""An uploaded file's name is text, never markup (issue 15): help texts are escaped like everything else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from adimarko.core.models import BusinessMembership
from tests.factories import UserFactory
from tests.incubation.factories import PDF_BYTES, applicant, open_now_round

pytestmark = pytest.mark.django_db

NAME = "<img src=x onerror=alert(1)>.pdf"


def test_a_file_name_with_markup_is_shown_escaped_to_another_member(client):
    round = open_now_round()
    owner, business = applicant()
    helper = UserFactory()
    BusinessMembership.objects.create(business=business, user=helper, role=BusinessMembership.Role.HELPER)
    client.force_login(owner)
    client.post(reverse("audition_application_start", args=[round.pk]), {"business": business.pk})
    application = business.applications.get()
    step = reverse("audition_application_step", args=[application.pk, "dokumen"])
    nib = round.required_documents.get(kind="document")
    response = client.post(step, {f"doc_{nib.pk}": SimpleUploadedFile(NAME, PDF_BYTES), "save": "1"})
    assert response.status_code == 302
    assert application.documents.get().original_name == NAME

    client.force_login(helper)
    for url in (step, reverse("audition_application_detail", args=[application.pk])):
        html = client.get(url).content.decode()
        assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in html, url
        assert "<img src=x" not in html, url
