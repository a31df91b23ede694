"""NIK validation and masking, and checks for application uploads."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from lokal import parse_nik


def validate_nik(value: str) -> None:
    """A NIK (Nomor Induk Kependudukan, 16 digits) that lokal-id can parse: region codes and birth date."""
    if not value:
        return
    info = parse_nik(value)
    if not info.valid:
        raise ValidationError(_("Enter the 16-digit NIK exactly as printed on the KTP."), code="invalid_nik")


def nik_regency_code(value: str) -> str | None:
    info = parse_nik(value or "")
    return info.regency_code if info.valid else None


def mask_nik(value: str) -> str:
    """Everyone but the owner sees only the last four digits: ************0001."""
    if not value:
        return ""
    return "*" * (len(value) - 4) + value[-4:]
