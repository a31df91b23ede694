"""The demo orchestrator: builds the whole demo by calling each app's own builder in dependency order.

It sits on the roof (it imports every feature); each app's builder builds its own data through that app's
services. The ground floor's builder (logins, businesses) is adimarko.core.demo.
"""

from collections.abc import Callable

from django.db import transaction

from adimarko.core import services
from adimarko.core.demo import DEMO_LOGINS, build_businesses, demo_user
from adimarko.core.models import Business, Certification, User
from cms.demo import build_home_highlights, build_site
from incubation.demo import build_audition, build_incubation
from incubation.demo_history import build_history
from search.demo import build_regions
from shop.demo import build_catalog
from shop.orders.demo import build_orders


@transaction.atomic
def build_demo(progress: Callable[[str], None] = lambda _msg: None) -> dict[str, int]:
    services.roles_sync()
    for login in DEMO_LOGINS:
        demo_user(login)
    businesses = build_businesses(progress)
    # Later journeys add their builders below, in dependency order, each returning its own totals.
    totals: dict[str, int] = {}
    totals.update(build_site(progress))

    # The 2024 and 2025 auditions, cohorts, graduates and their alumni storefronts: after the businesses,
    # logins and home page, before the 2026 round (rounds in order) and the catalogue (which finds the
    # alumni storefronts curated and indexes the products with the alumni badge).
    totals |= build_history(progress)
    totals |= build_audition(progress)
    totals |= build_catalog(businesses, progress)
    totals |= build_orders(progress)  # after the catalogue: it orders the demo products
    totals |= build_regions(progress)
    totals |= build_home_highlights(progress)  # after the regional pages its cards lead to
    totals |= build_incubation(progress)  # after the catalogue: graduates' storefronts join it
    return {
        "users": User.objects.count(),
        "businesses": len(businesses),
        "kecamatan": len({b.desa.parent_id for b in businesses}),
        "certifications": Certification.objects.count(),
        **totals,
        "alumni": Business.objects.filter(alumni_year__isnull=False).count(),
    }
