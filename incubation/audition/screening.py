"""Automatic screening checks, shown to staff beside their eligible / ineligible decision."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from adimarko.core.regions import REGENCY_CODE
from incubation.audition.models import Application
from incubation.audition.validators import nik_regency_code


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    passed: bool
    detail: str = ""
    blocking: bool = True


def whole_months(start, end) -> int:
    """Completed months between two dates (2026-01-31 → 2026-02-28 is 0 months)."""
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)


def screening_checks(application: Application) -> list[Check]:
    round = application.round
    desa = application.business.desa
    checks = []
    in_blitar = desa.code.startswith(REGENCY_CODE + ".")
    if round.require_blitar_domicile:
        checks.append(
            Check("domicile", _("Business located in Kabupaten Blitar"), in_blitar, f"{desa} ({desa.code})")
        )
    regency = nik_regency_code(application.owner_nik)
    checks.append(
        Check(
            "nik_region",
            _("NIK issued in Kabupaten Blitar"),
            regency == REGENCY_CODE,
            _("Informative only: people move."),
            blocking=False,
        )
    )
    uploaded = {d.requirement_id for d in application.documents.all()}
    missing = [r.label for r in round.required_documents.all() if r.pk not in uploaded]
    checks.append(Check("documents", _("All required documents present"), not missing, ", ".join(missing)))
    if round.min_business_age_months and application.business_started_on:
        reference = (application.submitted_at or application.created_at).date()
        age = whole_months(application.business_started_on, reference)
        checks.append(
            Check(
                "business_age",
                _("Business at least %(months)s months old") % {"months": round.min_business_age_months},
                age >= round.min_business_age_months,
                _("%(months)s months") % {"months": age},
            )
        )
    categories = round.eligible_category_values()
    if categories:
        checks.append(
            Check(
                "category",
                _("Category part of this round"),
                application.category in categories,
                application.get_category_display(),
            )
        )
    return checks
