"""A small programme-impact data set, built through the real services, with every figure worked out BY HAND
from the definitions in the issue 8 contract (IMPACT.md). The tables below are the expected values of
tests/adimarko/reporting/test_selectors.py: re-check them with pencil and paper, never from the selectors.

Kecamatan (Kemendagri codes):  K1 Wlingi 35.05.17 · K2 Kanigoro 35.05.10 · K3 Srengat 35.05.03 ·
K4 Wonotirto 35.05.08. The other 18 kecamatan hold nothing.

Rounds: R25 "Audisi Adi Marko 2025" (opens 1 Feb 2025, closes_on 31 Mar 2025, year 2025),
        R26 "Audisi Adi Marko 2026" (opens 1 Feb 2026, closes_on 31 Mar 2026, year 2026).
Cohorts: C25 "Angkatan 2025" of R25 (starts 1 Jun 2025 → cohort year 2025),
         C26 "Angkatan 2026" of R26 (starts 1 Jun 2026 → cohort year 2026).

Businesses and applications (category = the application's sector)
| key | kec | R25 application            | R26 application            | enrollment / alumni_year       |
|-----|-----|----------------------------|----------------------------|--------------------------------|
| B1  | K1  | coffee, accepted           | -                          | C25 graduated, alumni 2025     |
| B2  | K4  | snack, accepted            | -                          | C25 graduated, alumni 2025     |
| B3  | K3  | craft, accepted            | -                          | C25 active (NOT graduated)     |
| B4  | K1  | food, rejected             | food, accepted             | C26 graduated, alumni 2026     |
| B5  | K2  | coffee, ineligible         | -                          | -                              |
| B6  | K3  | fashion, DRAFT (not counted)| -                         | -                              |
| B7  | K2  | -                          | fashion, accepted          | C26 graduated, alumni 2026     |
| B8  | K2  | -                          | snack, waitlisted          | -                              |
| B9  | K4  | -                          | coffee, WITHDRAWN (no count)| -                             |
| B10 | K4  | -                          | food, submitted (unscreened)| -                             |
| B11 | K3  | -                          | herbal, eligible (undecided)| -                             |
| O1  | K3  | never applied (a marketplace seller only)                                                |
| O2  | K2  | never applied (a marketplace seller only)                                                |

Products (marketplace category → sector): P1 B1 "kopi" coffee Rp 40.000 · P6 B1 snack Rp 25.001 ·
P2 B2 snack Rp 15.000 · P3 B4 food Rp 20.000 · P4 B7 fashion Rp 250.000 · P9 B3 craft Rp 35.000 ·
P7 O1 fashion Rp 150.000 · P8 O2 snack Rp 15.000.

Checkouts (Order) of buyers U1..U4; dates are paid_at in WIB; shipping is charged but never counted.
| chk | buy | seller orders (lines)                    | outcome                          | paid_at (WIB)   |
|-----|-----|------------------------------------------|----------------------------------|-----------------|
| C1  | U1  | B1 (P1x2 = 80.000)                       | paid                             | 2025-08-10 10h  |
| C2  | U1  | B1 (P1x1 = 40.000) + O1 (P7x1 = 150.000) | paid (two sellers, one checkout) | 2026-03-05 10h  |
| C3  | U2  | B1 (P6x1 = 25.001) + B4 (P3x1 = 20.000)  | paid (two sellers, one checkout) | 2026-01-01 03h* |
| C4  | U3  | B7 (P4x1 = 250.000)                      | paid; B7 is alumni from 2026     | 2025-05-20 10h  |
| C5  | U3  | B7 (P4x1 = 250.000)                      | paid                             | 2026-09-15 10h  |
| C6  | U4  | O1 (P7x1)                                | CANCELLED (released)             | -               |
| C7  | U4  | B2 (P2x2)                                | paid, then REFUNDED              | 2026-04-01 10h  |
| C8  | U4  | B1 (P1x1)                                | PENDING PAYMENT                  | -               |
| C9  | U4  | B1 (P1x1 = 40.000 coffee                 | paid, then completed             | 2026-06-10 14h  |
|     |     |     + P6x1 = 25.001 snack = 65.001)      |                                  |                 |
| C10 | U2  | B3 (P9x1 = 35.000)                       | paid                             | 2026-07-01 10h  |
| C11 | U1  | O2 (P8x3 = 45.000)                       | paid                             | 2025-11-11 10h  |
(*) 2026-01-01 03:00 WIB is 2025-12-31 20:00 UTC: a year of 2026 only when dated in WIB.

Counted seller orders (not pending_payment/cancelled/refunded, paid_at set) and their group.
Alumni = seller has alumni_year <= year(paid_at); everything else counted is "others".
| so | chk | seller | year | revenue | buyer | group  | why                                  | kec |
|----|-----|--------|------|---------|-------|--------|--------------------------------------|-----|
| a1 | C1  | B1     | 2025 |  80.000 | U1    | alumni | 2025 <= 2025                         | K1  |
| a2 | C2  | B1     | 2026 |  40.000 | U1    | alumni | 2025 <= 2026                         | K1  |
| a3 | C3  | B1     | 2026 |  25.001 | U2    | alumni | 2025 <= 2026                         | K1  |
| a4 | C3  | B4     | 2026 |  20.000 | U2    | alumni | 2026 <= 2026 (WIB year!)             | K1  |
| a5 | C5  | B7     | 2026 | 250.000 | U3    | alumni | 2026 <= 2026                         | K2  |
| a6 | C9  | B1     | 2026 |  65.001 | U4    | alumni | 2025 <= 2026                         | K1  |
| o1 | C2  | O1     | 2026 | 150.000 | U1    | others | no alumni_year                       | K3  |
| o2 | C4  | B7     | 2025 | 250.000 | U3    | others | alumni_year 2026 > 2025              | K2  |
| o3 | C10 | B3     | 2026 |  35.000 | U2    | others | B3 never graduated                   | K3  |
| o4 | C11 | O2     | 2025 |  45.000 | U1    | others | no alumni_year                       | K2  |
Not counted: C6 (cancelled), C7 (refunded), C8 (pending payment).

=== Sales, no filter ===
alumni  orders 6 (a1..a6); revenue 80.000+40.000+25.001+20.000+250.000+65.001 = 480.002;
        average 480.002/6 = 80.000,33 → 80.000; buyers U1,U2,U3,U4 = 4;
        repeat: U1 (C1,C2) → 1 (U2's a3,a4 are ONE checkout C3: not a repeat).
others  orders 4 (o1..o4); revenue 150.000+250.000+35.000+45.000 = 480.000; average 120.000;
        buyers U1,U3,U2 = 3; repeat: U1 (C2,C11) → 1.
overall orders 10; revenue 960.002; average 96.000,2 → 96.000; buyers 4;
        repeat: U1 (C1,C2,C11), U2 (C3,C10), U3 (C4,C5) → 3; U4 has one counted checkout (C9) → not.
by_year 2025: alumni a1 → 1 order, 80.000, 1 buyer, 0 repeat; others o2,o4 → 2, 295.000, 2 buyers, 0 repeat.
        2026: alumni a2,a3,a4,a5,a6 → 5, 400.002, buyers U1,U2,U3,U4 = 4, 0 repeat;
              others o1,o3 → 2, 185.000, 2 buyers, 0 repeat.
        (check: 80.000+400.002 = 480.002; 295.000+185.000 = 480.000)

=== Sales, period 2026-01-01 .. 2026-06-10 (inclusive, WIB) ===
alumni  a2 (5 Mar), a3 + a4 (1 Jan 03:00 WIB), a6 (10 Jun 14:00) → orders 4;
        revenue 40.000+25.001+20.000+65.001 = 150.002; average 37.500,5 → HALF UP 37.501
        (banker's rounding or floor would give 37.500); buyers U1,U2,U4 = 3; repeat 0.
others  o1 → 1 order, 150.000, average 150.000, 1 buyer, 0 repeat.
overall 5 orders, 300.002, average 60.000,4 → 60.000, buyers U1,U2,U4 = 3, repeat 0 (U1 only C2 here).
by_year: only 2026.

=== Sales, sector filter (only lines of that sector; an order counts if it has one) ===
coffee  lines P1: a1 80.000, a2 40.000, a6 40.000 (of 65.001) → alumni orders 3, revenue 160.000,
        average 53.333,3 → 53.333, buyers U1,U4 = 2, repeat U1 (C1,C2) = 1; others: zeros; overall = alumni.
snack   lines P6: a3 25.001, a6 25.001 (of 65.001); P8: o4 45.000; (P2 only in refunded C7)
        alumni 2 orders, 50.002, average 25.001, buyers U2,U4 = 2, repeat 0;
        others 1 order, 45.000, 1 buyer (U1), repeat 0;
        overall 3 orders, 95.002, average 31.667,3 → 31.667, buyers 3, repeat 0.
fashion lines P4: o2 250.000 (others), a5 250.000 (alumni); P7: o1 150.000 (C6 cancelled)
        alumni 1 order, 250.000, 1 buyer (U3), repeat 0;
        others 2 orders, 400.000, average 200.000, buyers U1,U3 = 2, repeat 0;
        overall 3 orders, 650.000, average 216.666,7 → 216.667, buyers 2, repeat U3 (C4,C5) = 1.

=== Sales, cohort/round filter (alumni group narrowed to the cohort's graduates; others unchanged) ===
C25 (= round R25): graduates B1, B2 → alumni a1,a2,a3,a6 (a4 B4 and a5 B7 are left out of both groups):
        orders 4, revenue 80.000+40.000+25.001+65.001 = 210.002, average 52.500,5 → HALF UP 52.501,
        buyers U1,U2,U4 = 3, repeat U1 (C1,C2) = 1.
        others as unfiltered: 4, 480.000, 3 buyers, 1 repeat.
        overall, read as the union of the two groups: a1,a2,a3,a6,o1..o4 → 8 orders, 690.002,
        average 86.250,25 → 86.250, buyers U1,U2,U3,U4 = 4, repeat U1 (C1,C2,C11), U2 (C3,C10) = 2
        (U3 is left with C4 only).
C26 (= round R26): graduates B4, B7 → alumni a4, a5: 2 orders, 270.000, average 135.000, buyers U2,U3 = 2,
        repeat 0.

=== Funnel (businesses; applicants = not draft, not withdrawn) ===
| round | applicants            | eligible          | accepted   | graduated | active sellers (counted sale) |
| R26   | B4,B7,B8,B10,B11 = 5  | B4,B7,B8,B11 = 4  | B4,B7 = 2  | B4,B7 = 2 | B4 (a4), B7 (o2,a5) = 2       |
| R25   | B1,B2,B3,B4,B5 = 5    | B1,B2,B3,B4 = 4   | B1,B2,B3=3 | B1,B2 = 2 | B1 = 1 (B2: refunded only)    |
| total | 10                    | 8                 | 5          | 4         | 3                             |
B6 (draft) and B9 (withdrawn) are never counted; B10 (submitted, unscreened) and B5 (ineligible) stop at
applicants; B11 (eligible, undecided) and B8 (waitlisted) and B4 in R25 (rejected) stop at eligible.
Period 2026-01-01..2026-06-10: only R26 (closes_on 31 Mar 2026 inside; R25's 31 Mar 2025 outside):
        5, 4, 2, 2, active B4 only (a4 on 1 Jan 2026 03:00 WIB; B7's sales are 2025 and Sep 2026) = 1.
Period 2025-01-01..2025-12-31: only R25: 5, 4, 3, 2, active B1 (a1) = 1.
Sector coffee: R25 B1 (accepted, graduated, sold coffee), B5 (ineligible) → 2, 1, 1, 1, 1;
        R26: B9 is withdrawn → zeros.
Sector snack:  R25 B2 → 1, 1, 1, 1, 0 (no counted sale); R26 B8 (waitlisted) → 1, 1, 0, 0, 0.
Sector food:   R25 B4 (rejected) → 1, 1, 0, 0, 0; R26 B4 (accepted, graduated, sold food) + B10 (submitted)
        → 2, 1, 1, 1, 1.
Sector fashion: R25 B6 is a draft → zeros; R26 B7 → 1, 1, 1, 1, 1.
Drill-down (no filter, both rounds): applicants = B1,B2,B3,B4,B5,B7,B8,B10,B11 (9 businesses, B4 once);
        graduated = B1,B2,B4,B7; active sellers = B1,B4,B7.

=== Kecamatan ranking (no filter) ===
| kec | applicants (per round)         | graduated | active | revenue (alumni + others) |
| K2  | B5 (R25), B7, B8 (R26) = 3     | B7 = 1    | 1      | 545.000                   |
| K1  | B1, B4 (R25), B4 (R26) = 3 (*) | B1,B4 = 2 | 2      | 230.002                   |
| K3  | B3 (R25), B11 (R26) = 2        | 0         | 0      | 185.000                   |
| K4  | B2 (R25), B10 (R26) = 2        | B2 = 1    | 0      | 0                         |
(orders, revenue, average, buyers, repeat buyers):
K2 alumni a5: 1, 250.000, 250.000, 1, 0;  K2 others o2 (U3), o4 (U1): 2, 295.000, 147.500, 2, 0
K1 alumni a1,a2,a3,a4,a6: 5, 230.002, 46.000 (46.000,4), U1,U2,U4 = 3, repeat U1 (C1,C2) = 1; K1 others: zeros
K3 alumni: zeros;  K3 others o1 (U1), o3 (U2): 2, 185.000, 92.500, 2, 0;  K4: zeros
Period 2026-01-01..2026-06-10: only R26 counts for applicants/graduated/active; K1 alumni a2,a3,a4,a6:
4, 150.002, 37.501, 3, 0 (graduated B4, active B4); K3 others o1: 1, 150.000; K2: no sale (graduated B7, not
active); so K1 (150.002) comes before K3 (150.000).
then the 18 other kecamatan, all zeros, by name (K4 comes before them only because of its graduate: by name
"Wonotirto" would come last). Revenue check: 545.000+230.002+185.000 = 960.002 = overall.
(*) B4 applied in both rounds: counted once per round, as the funnel total does (3); as distinct businesses
it would be 2 — see test_kecamatan_applicants_count_each_round.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils.text import slugify

from adimarko.core.roles import Role
from incubation.audition.models.rounds import WIB
from incubation.audition.services import applications as application_services
from incubation.audition.services.decisions import decision_batch_apply
from incubation.cohorts.services import cohort_create
from incubation.graduation.services import alumni_storefront_open, enrollment_graduate
from incubation.models import Application, Cohort, Enrollment, RoundPage
from shop.models import Category
from shop.orders.models import Order, SellerOrder
from shop.orders.services import lifecycle, payments
from tests.factories import BusinessFactory, UserFactory, desa
from tests.incubation.factories import complete_draft, round_page
from tests.orders.factories import ProductFactory, buyer, place_order, qris_account

KECAMATAN = {"K1": "35.05.17", "K2": "35.05.10", "K3": "35.05.03", "K4": "35.05.08"}
DESA = {"K1": "35.05.17.1001", "K2": "35.05.10.1008", "K3": "35.05.03.1004", "K4": "35.05.08.2001"}

# key: (name, kecamatan key)
BUSINESSES = {
    "B1": ("Kopi Sumber Wlingi", "K1"),
    "B2": ("Keripik Melati", "K4"),
    "B3": ("Anyaman Sari", "K3"),
    "B4": ("Sambal Bu Tin", "K1"),
    "B5": ("Kopi Lereng Kelud", "K2"),
    "B6": ("Batik Kawung", "K3"),
    "B7": ("Batik Tulis Kanigoro", "K2"),
    "B8": ("Keripik Pisang Agung", "K2"),
    "B9": ("Kopi Kebun Pantai", "K4"),
    "B10": ("Gula Aren Wonotirto", "K4"),
    "B11": ("Jamu Segar", "K3"),
    "O1": ("Tenun Lestari", "K3"),
    "O2": ("Keripik Singkong Rahayu", "K2"),
}

# (round key, business key, application category, final status)
APPLICATIONS = (
    ("R25", "B1", "coffee", "accepted"),
    ("R25", "B2", "snack", "accepted"),
    ("R25", "B3", "craft", "accepted"),
    ("R25", "B4", "food", "rejected"),
    ("R25", "B5", "coffee", "ineligible"),
    ("R25", "B6", "fashion", "draft"),
    ("R26", "B4", "food", "accepted"),
    ("R26", "B7", "fashion", "accepted"),
    ("R26", "B8", "snack", "waitlisted"),
    ("R26", "B9", "coffee", "withdrawn"),
    ("R26", "B10", "food", "submitted"),
    ("R26", "B11", "herbal", "eligible"),
)

# key: (business key, category slug, sector, price)
PRODUCTS = {
    "P1": ("B1", "impact-kopi", "coffee", 40000),
    "P6": ("B1", "impact-keripik", "snack", 25001),
    "P2": ("B2", "impact-keripik", "snack", 15000),
    "P3": ("B4", "impact-sambal", "food", 20000),
    "P4": ("B7", "impact-batik", "fashion", 250000),
    "P9": ("B3", "impact-anyaman", "craft", 35000),
    "P7": ("O1", "impact-tenun", "fashion", 150000),
    "P8": ("O2", "impact-keripik", "snack", 15000),
}


def wib(*args) -> datetime:
    return datetime(*args, tzinfo=WIB)


@dataclass
class ImpactData:
    rounds: dict[str, RoundPage] = field(default_factory=dict)
    cohorts: dict[str, Cohort] = field(default_factory=dict)
    businesses: dict = field(default_factory=dict)
    owners: dict = field(default_factory=dict)
    applications: dict = field(default_factory=dict)  # (round key, business key) -> Application
    products: dict = field(default_factory=dict)
    buyers: dict = field(default_factory=dict)
    checkouts: dict[str, Order] = field(default_factory=dict)
    staff: object = None

    def ids(self, *keys) -> set[int]:
        return {self.businesses[k].pk for k in keys}

    def seller_order(self, checkout: str, business: str) -> SellerOrder:
        return SellerOrder.objects.get(order=self.checkouts[checkout], business=self.businesses[business])


def _apply(data: ImpactData, round_key: str, business_key: str, category: str) -> Application:
    round = data.rounds[round_key]
    user, business = data.owners[business_key], data.businesses[business_key]
    application = complete_draft(round=round, user=user, business=business)
    return application_services.application_update(
        application=application, by=user, now=round.opens_at + timedelta(hours=1), category=category
    )


def _applications(data: ImpactData) -> None:
    decided: dict[tuple[str, str], list[Application]] = {}
    for round_key, business_key, category, status in APPLICATIONS:
        round = data.rounds[round_key]
        user = data.owners[business_key]
        application = _apply(data, round_key, business_key, category)
        if status != "draft":
            application = application_services.application_submit(
                application=application, by=user, now=round.opens_at + timedelta(hours=2), notify=False
            )
        if status == "withdrawn":
            application = application_services.application_withdraw(application=application, by=user)
        elif status == "ineligible":
            application = application_services.application_screen(
                application=application, eligible=False, reason="documents", by=data.staff
            )
        elif status in ("eligible", "accepted", "waitlisted", "rejected"):
            application = application_services.application_screen(
                application=application, eligible=True, by=data.staff
            )
            if status != "eligible":
                decided.setdefault((round_key, status), []).append(application)
        data.applications[(round_key, business_key)] = application
    reasons = {"accepted": "top_score", "waitlisted": "quota", "rejected": "below_threshold"}
    for (round_key, status), applications in decided.items():
        decision_batch_apply(
            round=data.rounds[round_key],
            applications=applications,
            outcome=status,
            reason=reasons[status],
            message="Keputusan untuk {business}.",
            by=data.staff,
            notify=False,
        )
    for key, application in data.applications.items():
        application.refresh_from_db()
        assert application.status == next(s for r, b, _c, s in APPLICATIONS if (r, b) == key), (
            f"{key}: {application.status}"
        )


def _cohorts(data: ImpactData) -> None:
    for key, year, graduates in (("C25", 2025, ("B1", "B2")), ("C26", 2026, ("B4", "B7"))):
        round = data.rounds["R" + key[1:]]
        cohort = cohort_create(
            round=round,
            name=f"Angkatan {year}",
            starts_on=date(year, 6, 1),
            ends_on=date(year, 11, 30),
            by=data.staff,
            trainers=[],
        )
        data.cohorts[key] = cohort
        for business_key in graduates:
            enrollment = Enrollment.objects.get(cohort=cohort, business=data.businesses[business_key])
            enrollment_graduate(enrollment=enrollment, by=data.staff, note="Lulus semua materi.")
            Enrollment.objects.filter(pk=enrollment.pk).update(graduated_at=wib(year, 11, 30, 10))
            alumni_storefront_open(enrollment=enrollment, by=data.staff)
    enrolled = {
        (e.cohort_id, e.business_id, e.status)
        for e in Enrollment.objects.filter(cohort__in=data.cohorts.values())
    }
    b = data.businesses
    assert enrolled == {
        (data.cohorts["C25"].pk, b["B1"].pk, "graduated"),
        (data.cohorts["C25"].pk, b["B2"].pk, "graduated"),
        (data.cohorts["C25"].pk, b["B3"].pk, "active"),
        (data.cohorts["C26"].pk, b["B4"].pk, "graduated"),
        (data.cohorts["C26"].pk, b["B7"].pk, "graduated"),
    }, enrolled


def _paid(order: Order, when: datetime) -> Order:
    order, outcome = payments.order_mark_paid(order=order, confirmed_by=None)
    assert outcome == "paid", outcome
    _stamp(order, when)
    return order


def _stamp(order: Order, when: datetime) -> None:
    Order.objects.filter(pk=order.pk).update(paid_at=when)
    SellerOrder.objects.filter(order=order).update(paid_at=when)


def _sales(data: ImpactData) -> None:
    qris_account()
    p, u = data.products, data.buyers

    def checkout(key, user, items):
        data.checkouts[key] = place_order(user=u[user], items=[(p[name], qty) for name, qty in items])
        return data.checkouts[key]

    _paid(checkout("C1", "U1", [("P1", 2)]), wib(2025, 8, 10, 10))
    _paid(checkout("C2", "U1", [("P1", 1), ("P7", 1)]), wib(2026, 3, 5, 10))
    _paid(checkout("C3", "U2", [("P6", 1), ("P3", 1)]), wib(2026, 1, 1, 3))
    _paid(checkout("C4", "U3", [("P4", 1)]), wib(2025, 5, 20, 10))
    _paid(checkout("C5", "U3", [("P4", 1)]), wib(2026, 9, 15, 10))
    payments.order_release(order=checkout("C6", "U4", [("P7", 1)]), reason="expired")
    refunded = _paid(checkout("C7", "U4", [("P2", 2)]), wib(2026, 4, 1, 10))
    payments.order_refund(order=refunded)
    checkout("C8", "U4", [("P1", 1)])
    completed = _paid(checkout("C9", "U4", [("P1", 1), ("P6", 1)]), wib(2026, 6, 10, 14))
    seller_order = completed.seller_orders.get()
    lifecycle.seller_order_advance(seller_order=seller_order, status="processing")
    lifecycle.seller_order_advance(
        seller_order=seller_order, status="shipped", courier="jne", tracking_number="JNE1234567"
    )
    lifecycle.seller_order_advance(seller_order=seller_order, status="delivered")
    lifecycle.order_complete(seller_order=seller_order)
    _paid(checkout("C10", "U2", [("P9", 1)]), wib(2026, 7, 1, 10))
    _paid(checkout("C11", "U1", [("P8", 3)]), wib(2025, 11, 11, 10))

    statuses = {
        key: sorted(order.seller_orders.values_list("status", flat=True))
        for key, order in data.checkouts.items()
    }
    assert statuses == {
        "C1": ["paid"],
        "C2": ["paid", "paid"],
        "C3": ["paid", "paid"],
        "C4": ["paid"],
        "C5": ["paid"],
        "C6": ["cancelled"],
        "C7": ["refunded"],
        "C8": ["pending_payment"],
        "C9": ["completed"],
        "C10": ["paid"],
        "C11": ["paid"],
    }, statuses


def build() -> ImpactData:
    """Build the whole data set (about 13 businesses, 12 applications, 2 cohorts, 11 checkouts)."""
    data = ImpactData(staff=UserFactory(roles=(Role.STAFF,)))
    for key, (name, kecamatan) in BUSINESSES.items():
        owner = UserFactory()
        data.owners[key] = owner
        data.businesses[key] = BusinessFactory(owner=owner, name=name, desa=desa(DESA[kecamatan]))
    for key, year in (("R25", 2025), ("R26", 2026)):
        data.rounds[key] = round_page(
            title=f"Audisi Adi Marko {year}",
            opens_at=wib(year, 2, 1, 8),
            closes_on=date(year, 3, 31),
        )
    _applications(data)
    _cohorts(data)
    for key, (business_key, slug, sector, price) in PRODUCTS.items():
        category, _created = Category.objects.get_or_create(
            slug=slug, defaults={"name": slug.removeprefix("impact-").title(), "sector": sector}
        )
        assert category.sector == sector
        data.products[key] = ProductFactory(
            business=data.businesses[business_key],
            name=f"{key} {data.businesses[business_key].name}",
            slug=slugify(f"{key} {data.businesses[business_key].name}"),
            category=category,
            price=price,
            origin_desa=data.businesses[business_key].desa,
        )
    for key in ("U1", "U2", "U3", "U4"):
        data.buyers[key] = buyer()
    _sales(data)
    for key in data.businesses:
        data.businesses[key].refresh_from_db()
    alumni = {key: b.alumni_year for key, b in data.businesses.items() if b.alumni_year}
    assert alumni == {"B1": 2025, "B2": 2025, "B4": 2026, "B7": 2026}, alumni
    return data
