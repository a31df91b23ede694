from django import template

from adimarko.reporting.definitions import (
    ALUMNI_SALE,
    COUNTED_SALE,
    FUNNEL_STAGE_DEFINITIONS,
    INDICATORS_BY_CODE,
)

register = template.Library()


@register.simple_tag
def impact_definitions() -> dict:
    """The definitions printed under the dashboard (the downloads carry every indicator's)."""
    return {
        "counted_sale": COUNTED_SALE,
        "alumni_sale": ALUMNI_SALE,
        "stages": list(FUNNEL_STAGE_DEFINITIONS.values()),
        "revenue": INDICATORS_BY_CODE["I1"].definition,
        "repeat_buyers": INDICATORS_BY_CODE["I4"].definition,
    }
