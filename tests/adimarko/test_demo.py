import pytest
from django.core.management import call_command

from adimarko.demo import DEMO_PASSWORD, build_demo
from adimarko.models import Business, BusinessMembership, Certification, User

pytestmark = pytest.mark.django_db


def test_demo_builds_enough_realistic_data_and_is_idempotent():
    first = build_demo()
    assert first["businesses"] >= 30
    assert first["kecamatan"] >= 10
    counts = (
        User.objects.count(),
        Business.objects.count(),
        BusinessMembership.objects.count(),
        Certification.objects.count(),
    )
    second = build_demo()
    assert second == first
    assert counts == (
        User.objects.count(),
        Business.objects.count(),
        BusinessMembership.objects.count(),
        Certification.objects.count(),
    )
    assert Business.objects.values("desa__parent").distinct().count() >= 10


def test_seed_demo_command_prints_the_logins(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "Demo data ready" in out
    assert "staf@adimarko.test" in out and DEMO_PASSWORD in out
