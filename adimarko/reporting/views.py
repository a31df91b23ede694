"""Staff pages of the programme's impact under /staf/dampak/: the dashboard, its exports, the businesses
behind a figure and one business across the journeys. Every figure comes from
`adimarko.reporting.selectors` (one module per concept)."""

import re
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from adimarko.core.models import Business, Region
from adimarko.core.pagination import paginate
from adimarko.core.permissions import can_view_impact, require
from adimarko.reporting import exports, report
from adimarko.reporting.definitions import FUNNEL_STAGE_DEFINITIONS
from adimarko.reporting.forms import ImpactFilterForm, parse_id
from adimarko.reporting.selectors import dashboard
from adimarko.reporting.selectors.filters import ImpactFilter
from adimarko.reporting.selectors.funnel import FUNNEL_STAGES, funnel_businesses
from adimarko.reporting.selectors.journey import business_journey
from incubation.models import RoundPage

BUSINESSES_PER_PAGE = 50
REGION_CODE = re.compile(r"[0-9.]{1,13}")  # Kemendagri codes, Western digits


def _filters(request) -> tuple[ImpactFilterForm, ImpactFilter]:
    require(can_view_impact(request.user))
    form = ImpactFilterForm(request.GET or None)
    return form, form.impact_filter()


def _filter_query(form: ImpactFilterForm) -> str:
    """The filters in use as a query string for links and downloads: none when the form is invalid, since the
    figures are then unfiltered too (and stray parameters never reach the drill-down links)."""
    if not form.is_bound or not form.is_valid():
        return ""
    return urlencode({name: form.data[name] for name in form.fields if form.data.get(name)})


@login_required
@require_GET
def impact_dashboard(request):
    form, filters = _filters(request)
    return render(
        request,
        "impact/dashboard.html",
        {
            "form": form,
            "described": form.describe(),
            "dashboard": dashboard.impact_dashboard(filters=filters),
            "query": _filter_query(form),
        },
    )


@login_required
@require_GET
def impact_export(request, fmt: str):
    form, filters = _filters(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    impact_report = report.impact_report(filters=filters)
    if fmt == "csv":
        content, content_type = exports.report_csv(impact_report), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content, content_type = (
            exports.report_xlsx(impact_report, filters=form.describe()),
            exports.XLSX_CONTENT_TYPE,
        )
    response = HttpResponse(content, content_type=content_type)
    name = f"dampak-adi-marko-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def impact_businesses(request):
    """The businesses behind a funnel figure: ?stage=…[&round_id=…][&kecamatan=…] with the dashboard's
    filters. An unknown stage, round or kecamatan is a link that never came from the dashboard: 404."""
    form, filters = _filters(request)
    stage = request.GET.get("stage", "applicants")
    if stage not in FUNNEL_STAGES:
        raise Http404
    round_id = None
    if request.GET.get("round_id"):
        round_id = parse_id(request.GET["round_id"])
        if round_id is None:
            raise Http404
    drill_round = None
    if round_id is not None:
        drill_round = get_object_or_404(RoundPage.objects.only("pk", "title"), pk=round_id)
    kecamatan = None
    if code := request.GET.get("kecamatan"):
        if not REGION_CODE.fullmatch(code):  # also keeps NUL, which PostgreSQL refuses, from the query
            raise Http404
        kecamatan = get_object_or_404(Region.objects.kecamatan(), code=code)
    businesses = funnel_businesses(
        filters=filters, stage=stage, round_id=round_id, kecamatan=kecamatan.code if kecamatan else ""
    )
    page = paginate(request, businesses, per_page=BUSINESSES_PER_PAGE)
    return render(
        request,
        "impact/businesses.html",
        {
            "form": form,
            "described": form.describe(),
            "stage": stage,
            "stage_label": FUNNEL_STAGE_DEFINITIONS[stage][0],
            "stage_definition": FUNNEL_STAGE_DEFINITIONS[stage][1],
            "kecamatan": kecamatan,
            "round": drill_round,
            "page": page,
            "filter_query": _filter_query(form),
        },
    )


@login_required
@require_GET
def impact_business(request, slug: str):
    require(can_view_impact(request.user))
    business = get_object_or_404(Business.objects.with_region(), slug=slug)
    return render(request, "impact/business.html", {"journey": business_journey(business=business)})
