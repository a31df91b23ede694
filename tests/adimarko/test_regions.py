import pytest

from adimarko.core.models import Region
from adimarko.core.regions import iter_blitar_regions

pytestmark = pytest.mark.django_db


def test_kabupaten_blitar_has_22_kecamatan_and_248_desa():
    assert Region.objects.kecamatan().count() == 22
    assert Region.objects.desa().count() == 248
    assert Region.objects.filter(kind=Region.Kind.DESA).count() == 220
    assert Region.objects.filter(kind=Region.Kind.KELURAHAN).count() == 28


@pytest.mark.parametrize(
    ("code", "name"),
    [("35.05.17", "Wlingi"), ("35.05.01", "Wonodadi"), ("35.05.02", "Udanawu"), ("35.05.17.1001", "Beru")],
)
def test_codes_match_kemendagri(code, name):
    assert Region.objects.get(code=code).name == name


def test_every_desa_sits_under_the_kecamatan_its_code_names():
    for desa in Region.objects.desa().select_related("parent"):
        assert desa.parent.code == desa.code[:8]
        assert desa.kecamatan == desa.parent


def test_region_source_yields_exactly_what_the_migration_loaded():
    assert len(list(iter_blitar_regions())) == Region.objects.count() == 270
