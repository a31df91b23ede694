"""The programme's impact indicators, in the smart-city evaluation's four tables (baseline, output, outcome,
impact), each with the definition printed next to it on the dashboard and in every export.

The definitions are the product's: `adimarko/reporting/selectors/` and `adimarko/reporting/report.py` (one
measure per indicator code) compute exactly what they say, and the tests compute the same figures by hand on a
small data set.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Unit:
    COUNT = "count"
    PERCENT = "percent"
    RUPIAH = "rupiah"


class YearOf:
    """Which year a figure falls in: its audition round's, or the calendar year of the sale (or product)."""

    ROUND = "round"
    CALENDAR = "calendar"


@dataclass(frozen=True)
class Indicator:
    code: str
    table: str
    label: str
    definition: str
    unit: str
    year_of: str


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    description: str


TABLES = (
    Table(
        "baseline",
        _("Baseline"),
        _(
            "The applicants' situation when they applied, before the programme "
            "(per audition round, by its year)."
        ),
    ),
    Table("output", _("Output"), _("What the programme delivered (per audition round, by its year).")),
    Table(
        "outcome",
        _("Outcome"),
        _("What graduates do afterwards: storefronts and selling online (per calendar year of the sales)."),
    ),
    Table(
        "impact",
        _("Impact"),
        _(
            "The economic result on the marketplace for alumni, compared with other sellers "
            "(per calendar year)."
        ),
    ),
)

COUNTED_SALE = _(
    "A counted sale is one seller's part of a checkout that was paid and not cancelled or refunded, dated by "
    "its payment (WIB)."
)
ALUMNI_SALE = _(
    "An alumni sale is a counted sale by a business that had graduated (Alumni Adi Marko) by the year of the "
    "sale."
)

INDICATORS = (
    # Baseline: from the applications, as the applicants described themselves.
    Indicator(
        "B1",
        "baseline",
        _("Applicants"),
        _(
            "Businesses whose application reached staff "
            "(submitted; drafts and withdrawn applications excluded)."
        ),
        Unit.COUNT,
        YearOf.ROUND,
    ),
    Indicator(
        "B2",
        "baseline",
        _("Applicants already on a marketplace"),
        _("Share of applicants who said they already sold on a marketplace (alone or with social media)."),
        Unit.PERCENT,
        YearOf.ROUND,
    ),
    Indicator(
        "B3",
        "baseline",
        _("Applicants selling online in any way"),
        _("Share of applicants who already sold through social media, WhatsApp or a marketplace."),
        Unit.PERCENT,
        YearOf.ROUND,
    ),
    Indicator(
        "B4",
        "baseline",
        _("Applicants with a smartphone"),
        _("Share of applicants who can use a smartphone for the business."),
        Unit.PERCENT,
        YearOf.ROUND,
    ),
    Indicator(
        "B5",
        "baseline",
        _("Kecamatan of applicants"),
        _("Number of kecamatan (of 22) where at least one applicant is based."),
        Unit.COUNT,
        YearOf.ROUND,
    ),
    # Output
    Indicator(
        "O1",
        "output",
        _("Eligible applicants"),
        _(
            "Applicants who passed the administrative screening "
            "(eligible, then accepted, waitlisted or rejected)."
        ),
        Unit.COUNT,
        YearOf.ROUND,
    ),
    Indicator(
        "O2",
        "output",
        _("Participants accepted"),
        _("Eligible applicants accepted into the cohort."),
        Unit.COUNT,
        YearOf.ROUND,
    ),
    Indicator(
        "O3",
        "output",
        _("Mentoring sessions held"),
        _("Mentoring sessions of the round's cohort that took place (started, not cancelled)."),
        Unit.COUNT,
        YearOf.ROUND,
    ),
    Indicator(
        "O4",
        "output",
        _("Graduates"),
        _("Accepted participants who graduated from the round's cohort."),
        Unit.COUNT,
        YearOf.ROUND,
    ),
    Indicator(
        "O5",
        "output",
        _("Certificates issued"),
        _("Graduation certificates of the round's cohort that are valid (not revoked)."),
        Unit.COUNT,
        YearOf.ROUND,
    ),
    # Outcome
    Indicator(
        "C1",
        "outcome",
        _("Graduates with an approved storefront"),
        _(
            "Graduates whose marketplace storefront is approved by curation today "
            "(by the year of their round)."
        ),
        Unit.COUNT,
        YearOf.ROUND,
    ),
    Indicator(
        "C2",
        "outcome",
        _("Active alumni sellers"),
        _("Alumni businesses with at least one alumni sale in the year."),
        Unit.COUNT,
        YearOf.CALENDAR,
    ),
    Indicator(
        "C3",
        "outcome",
        _("Alumni selling online"),
        _("Active alumni sellers as a share of all businesses that were alumni by that year."),
        Unit.PERCENT,
        YearOf.CALENDAR,
    ),
    Indicator(
        "C4",
        "outcome",
        _("New alumni products"),
        _("Products of alumni businesses first approved by curation in the year."),
        Unit.COUNT,
        YearOf.CALENDAR,
    ),
    # Impact
    Indicator(
        "I1",
        "impact",
        _("Alumni revenue"),
        _("Goods value of alumni sales in rupiah (price × quantity; shipping excluded)."),
        Unit.RUPIAH,
        YearOf.CALENDAR,
    ),
    Indicator("I2", "impact", _("Alumni orders"), _("Number of alumni sales."), Unit.COUNT, YearOf.CALENDAR),
    Indicator(
        "I3",
        "impact",
        _("Average alumni order"),
        _("Alumni revenue divided by alumni orders, rounded to whole rupiah."),
        Unit.RUPIAH,
        YearOf.CALENDAR,
    ),
    Indicator(
        "I4",
        "impact",
        _("Repeat buyers of alumni"),
        _("Buyers with alumni sales from at least two different checkouts."),
        Unit.COUNT,
        YearOf.CALENDAR,
    ),
    Indicator(
        "I5",
        "impact",
        _("Alumni share of marketplace revenue"),
        _("Alumni revenue as a share of the revenue of all counted sales."),
        Unit.PERCENT,
        YearOf.CALENDAR,
    ),
    Indicator(
        "I6",
        "impact",
        _("Revenue of other sellers"),
        _("Goods value of counted sales by sellers that were not alumni at the time (for comparison)."),
        Unit.RUPIAH,
        YearOf.CALENDAR,
    ),
    Indicator(
        "I7",
        "impact",
        _("Alumni orders shipped outside Kabupaten Blitar"),
        _("Share of alumni orders delivered to an address outside the regency."),
        Unit.PERCENT,
        YearOf.CALENDAR,
    ),
    Indicator(
        "I8",
        "impact",
        _("Kecamatan with alumni sales"),
        _("Number of kecamatan (of 22) where at least one alumni seller made an alumni sale."),
        Unit.COUNT,
        YearOf.CALENDAR,
    ),
)

INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}

# The funnel's stages: (label, definition). Each stage is a subset of the one before.
FUNNEL_STAGE_DEFINITIONS = {
    "applicants": (_("Applicants"), INDICATORS_BY_CODE["B1"].definition),
    "eligible": (_("Eligible"), INDICATORS_BY_CODE["O1"].definition),
    "accepted": (_("Accepted"), INDICATORS_BY_CODE["O2"].definition),
    "graduated": (_("Graduated"), INDICATORS_BY_CODE["O4"].definition),
    "active_sellers": (
        _("Active sellers"),
        _("Graduates with at least one alumni sale (of any sector) in the period."),
    ),
}
