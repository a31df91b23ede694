"""An application's product price is at least Rp 1: form, service, database and old rows (issue 17)."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils.translation import gettext

from incubation.audition.services import applications as services
from incubation.models import Application, Status
from tests.incubation.factories import applicant, complete_draft, open_now_round

pytestmark = pytest.mark.django_db

PRICE_MESSAGE = "The price must be at least Rp 1 (whole rupiah)."


@pytest.fixture
def draft():
    round = open_now_round()
    user, business = applicant()
    return complete_draft(round=round, user=user, business=business), user


@pytest.mark.parametrize("typed", ["-5", "0"])
def test_product_step_refuses_a_price_below_one(client, draft, typed):
    application, user = draft
    client.force_login(user)
    response = client.post(
        reverse("audition_application_step", args=[application.pk, "produk"]),
        {"product_name": "Keripik", "category": "snack", "price": typed, "save": "1"},
    )
    assert response.status_code == 400
    assert gettext(PRICE_MESSAGE) in response.content.decode()
    application.refresh_from_db()
    assert application.price == 15000


def test_the_database_refuses_a_price_below_one(draft):
    application, _user = draft
    for price in (-5, 0):
        with pytest.raises(IntegrityError), transaction.atomic():
            Application.objects.filter(pk=application.pk).update(price=price)
    application.refresh_from_db()
    assert application.price == 15000


def test_submission_refuses_invalid_product_data(draft):
    application, user = draft
    # A category no longer offered (written before the choices changed): the product data are not valid.
    Application.objects.filter(pk=application.pk).update(category="rokok")
    with pytest.raises(ValidationError) as refused:
        services.application_submit(application=application, by=user)
    assert "category" in refused.value.error_dict
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_migration_clears_prices_below_one_and_the_draft_asks_again(draft, client):
    """Rows from before the rule: -5 and 0 become "no price" (the draft asks for it again), 15000 stays."""
    application, user = draft
    other = complete_draft(
        round=open_now_round(title="Audisi Kedua"), user=user, business=application.business
    )
    (constraint,) = [c for c in Application._meta.constraints if c.name == "application_price_positive"]
    with connection.cursor() as cursor:  # deferred foreign-key checks would block ALTER TABLE
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:  # inside the test's transaction: rolled back with it
        editor.remove_constraint(Application, constraint)
    Application.objects.filter(pk=application.pk).update(price=-5)
    migration = importlib.import_module("incubation.migrations.0007_application_price_positive")

    migration.clear_prices_below_one(apps, None)

    application.refresh_from_db(), other.refresh_from_db()
    assert (application.price, other.price) == (None, 15000)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        editor.add_constraint(Application, constraint)
    with pytest.raises(ValidationError) as refused:
        services.application_submit(application=application, by=user)
    assert refused.value.messages == [gettext("Fill in: %(field)s") % {"field": gettext("Price (Rp)")}]
