"""What a staff member narrows the impact figures to: a round or cohort, a sector and a period of whole WIB
days."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from incubation.models import Cohort, RoundPage


@dataclass(frozen=True)
class ImpactFilter:
    round: RoundPage | None = None
    cohort: Cohort | None = None
    sector: str = ""
    start: date | None = None  # inclusive, WIB
    end: date | None = None  # inclusive, WIB

    @property
    def round_id(self) -> int | None:
        """A cohort means its round."""
        if self.cohort is not None:
            return self.cohort.round_id
        return self.round.pk if self.round is not None else None

    def paid_in_period(self, prefix: str = "") -> Q:
        """Payment time inside the period (whole WIB days)."""
        q = Q()
        if self.start:
            q &= Q(**{f"{prefix}paid_at__gte": _day_start(self.start)})
        if self.end:
            q &= Q(**{f"{prefix}paid_at__lt": _day_start(self.end + timedelta(days=1))})
        return q

    def in_period(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
