"""Graduation rules: pure arithmetic on a cohort's rules and one participant's progress.

Integer arithmetic only: "attendance >= X%" is `attended * 100 >= X * held`, so 2 of 3 sessions (66.67 %) does
not meet 67 % and 3 of 4 meets 75 %. The attendance shown beside its minimum is rounded down (never shown as
met when it is not; adimarko.core.numbers says which shares are rounded which way). Nothing to do counts as
done: no required lessons, no assignments or no session held yet meet their rule. A disabled rule (a boolean
off, or a minimum attendance of 0 %) is left out of the result.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from adimarko.core.numbers import floor_percent
from incubation.coaching.progress import ParticipantProgress


@dataclass(frozen=True)
class RuleResult:
    key: str  # "lessons", "assignments", "attendance"
    label: str
    met: bool
    detail: str


@dataclass(frozen=True)
class GraduationCheck:
    rules: tuple[RuleResult, ...]

    @property
    def eligible(self) -> bool:
        return all(rule.met for rule in self.rules)

    @property
    def unmet(self) -> list[RuleResult]:
        return [rule for rule in self.rules if not rule.met]


def attendance_met(*, attended: int, held: int, minimum_percent: int) -> bool:
    """attended / held >= minimum_percent / 100, in integers; no session held counts as met."""
    if held == 0:
        return True
    return attended * 100 >= minimum_percent * held


def graduation_check(cohort, progress: ParticipantProgress) -> GraduationCheck:
    """Each enabled rule of `cohort` (any object with the Cohort rule fields) against `progress`."""
    rules = []
    if cohort.require_all_lessons:
        total, done = progress.lessons_required, progress.lessons_completed
        rules.append(
            RuleResult(
                key="lessons",
                label=_("All required lessons completed"),
                met=done >= total,
                detail=_("%(done)s/%(total)s lessons") % {"done": done, "total": total}
                if total
                else _("no required lessons"),
            )
        )
    if cohort.require_assignments_passed:
        total, done = progress.assignments_required, progress.assignments_passed
        rules.append(
            RuleResult(
                key="assignments",
                label=_("All assignments passed"),
                met=done >= total,
                detail=_("%(done)s/%(total)s assignments passed") % {"done": done, "total": total}
                if total
                else _("no assignments"),
            )
        )
    minimum = cohort.min_attendance_percent or 0
    if minimum > 0:
        held, attended = progress.sessions_held, progress.sessions_attended
        rules.append(
            RuleResult(
                key="attendance",
                label=_("Attendance of at least %(minimum)s%%") % {"minimum": minimum},
                met=attendance_met(attended=attended, held=held, minimum_percent=minimum),
                detail=_("%(percent)s%% of at least %(minimum)s%% (%(attended)s/%(held)s sessions)")
                % {
                    # Rounded down like the rule: 2 of 3 reads "66% of at least 67%", never "67% of … 67%".
                    "percent": floor_percent(attended, held, when_empty=100),
                    "minimum": minimum,
                    "attended": attended,
                    "held": held,
                }
                if held
                else _("no session held yet"),
            )
        )
    return GraduationCheck(rules=tuple(rules))
