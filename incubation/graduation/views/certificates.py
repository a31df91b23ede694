"""Certificates: the participant's printable certificate (with a QR code to its public verification page),
the public verification page (no login, no personal data), "My incubation" and the alumni storefront step."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from adimarko.core.permissions import require
from adimarko.core.qr import qr_svg
from adimarko.core.web import call_service
from incubation.graduation import permissions as rules
from incubation.graduation.models import Certificate, normalise_code
from incubation.graduation.selectors import certificate_by_code, enrollments_for_member
from incubation.graduation.services import alumni_storefront_open, certificate_verify_url


@login_required
def certificate_mine(request):
    """My incubation: the user's businesses' participations, certificates and the alumni storefront."""
    return render(
        request,
        "incubation/graduation/certificates/mine.html",
        {"enrollments": enrollments_for_member(request.user)},
    )


@login_required
def certificate_detail(request, code):
    certificate = get_object_or_404(Certificate.objects.with_related(), code=normalise_code(code) or "")
    require(rules.can_view_certificate(request.user, certificate))
    verify_url = certificate_verify_url(certificate.code)
    enrollment = certificate.enrollment
    return render(
        request,
        "incubation/graduation/certificates/certificate.html",
        {
            "certificate": certificate,
            "enrollment": enrollment,
            "verify_url": verify_url,
            "qr": qr_svg(verify_url, title=_("Verify certificate %(code)s") % {"code": certificate.code}),
            "can_open_storefront": certificate.is_valid
            and rules.can_open_alumni_storefront(request.user, enrollment)[0],
            "storefront": getattr(enrollment.business, "storefront", None),
        },
    )


@login_required
@require_POST
def certificate_alumni_storefront(request, code):
    certificate = get_object_or_404(
        Certificate.objects.with_related().valid(), code=normalise_code(code) or ""
    )
    enrollment = certificate.enrollment
    require(rules.can_open_alumni_storefront(request.user, enrollment))
    call_service(
        request,
        alumni_storefront_open,
        enrollment=enrollment,
        by=request.user,
        success=_storefront_opened,
    )
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("certificate_detail", code=certificate.code)


def _storefront_opened(storefront) -> str:
    if storefront.status == storefront.Status.APPROVED:
        return _("The storefront is open and marked as Adi Marko alumni.")
    return _(
        "The storefront has been opened with the business profile and is waiting for curation by "
        "Disperindag staff."
    )


def certificate_verify(request, code=None):
    """Public: valid / revoked (with the reason) / not found. Only what is printed on the certificate."""
    if code is None:
        typed = request.GET.get("kode", "")
        if not typed:
            return render(request, "incubation/graduation/certificates/verify.html", {"state": "ask"})
        code = normalise_code(typed)
        if code:
            return redirect("certificate_verify", code=code)
        certificate = None
        code = typed
    else:
        normalised = normalise_code(code)
        if normalised and normalised != code:
            return redirect("certificate_verify", code=normalised)
        certificate = certificate_by_code(normalised) if normalised else None
    state = "not_found" if certificate is None else ("valid" if certificate.is_valid else "revoked")
    context = {"state": state, "certificate": certificate, "code": code[:40]}
    return render(
        request,
        "incubation/graduation/certificates/verify.html",
        context,
        status=404 if certificate is None else 200,
    )
