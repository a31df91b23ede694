"""Graduation rule arithmetic: integer percentages, boundaries, zero cases, each rule toggled."""

from dataclasses import dataclass

import pytest

from adimarko.core.numbers import floor_percent
from incubation.coaching.progress import ParticipantProgress
from incubation.graduation.rules import attendance_met, graduation_check


@dataclass
class Rules:
    require_all_lessons: bool = True
    require_assignments_passed: bool = True
    min_attendance_percent: int = 75


def progress(*, lessons=(10, 10), assignments=(3, 3), sessions=(4, 4)) -> ParticipantProgress:
    return ParticipantProgress(
        lessons_required=lessons[0],
        lessons_completed=lessons[1],
        assignments_required=assignments[0],
        assignments_passed=assignments[1],
        sessions_held=sessions[0],
        sessions_attended=sessions[1],
        last_activity_at=None,
    )


def rule(check, key):
    return next(r for r in check.rules if r.key == key)


@pytest.mark.parametrize(
    "attended, held, minimum, met",
    [
        (74, 100, 75, False),
        (75, 100, 75, True),
        (76, 100, 75, True),
        (3, 4, 75, True),  # exactly 75 %
        (2, 3, 67, False),  # 66.67 % is below 67 %
        (2, 3, 66, True),
        (149, 200, 75, False),  # 74.5 % does not round up
        (1, 3, 34, False),  # 33.3 %
        (1, 3, 33, True),
        (0, 0, 75, True),  # nothing held yet
        (0, 5, 1, False),
        (5, 5, 100, True),
        (4, 5, 100, False),
        (0, 5, 0, True),
    ],
)
def test_attendance_threshold_is_exact_integer_arithmetic(attended, held, minimum, met):
    assert attendance_met(attended=attended, held=held, minimum_percent=minimum) is met


@pytest.mark.parametrize("attended, expected", [(74, "74%"), (75, "75%"), (76, "76%")])
def test_attendance_detail_at_the_75_percent_boundary(attended, expected):
    check = graduation_check(Rules(), progress(sessions=(100, attended)))
    attendance = rule(check, "attendance")
    assert attendance.met is (attended >= 75)
    assert attendance.detail == f"{expected} dari minimal 75% ({attended}/100 sesi)"


def test_shown_percent_rounds_down_so_an_unmet_rule_never_shows_the_minimum():
    check = graduation_check(Rules(min_attendance_percent=67), progress(sessions=(3, 2)))
    attendance = rule(check, "attendance")
    assert not attendance.met
    assert attendance.detail.startswith("66% dari minimal 67%")
    assert floor_percent(2, 3) == 66 and floor_percent(199, 200) == 99
    assert floor_percent(0, 0, when_empty=100) == 100  # no session held counts as fully attended


def test_everything_done_is_eligible_with_details():
    check = graduation_check(Rules(), progress(lessons=(10, 10), assignments=(3, 3), sessions=(4, 3)))
    assert check.eligible and check.unmet == []
    assert [r.key for r in check.rules] == ["lessons", "assignments", "attendance"]
    assert rule(check, "lessons").detail == "10/10 pelajaran"
    assert rule(check, "assignments").detail == "3/3 tugas lulus"


def test_missing_lessons_are_listed_as_unmet():
    check = graduation_check(Rules(), progress(lessons=(10, 8)))
    assert not check.eligible
    assert [r.key for r in check.unmet] == ["lessons"]
    assert rule(check, "lessons").detail == "8/10 pelajaran"


def test_an_unpassed_assignment_is_unmet():
    check = graduation_check(Rules(), progress(assignments=(3, 2)))
    assert [r.key for r in check.unmet] == ["assignments"]
    assert rule(check, "assignments").detail == "2/3 tugas lulus"


def test_every_rule_can_fail_at_once():
    check = graduation_check(Rules(), progress(lessons=(10, 0), assignments=(2, 0), sessions=(4, 0)))
    assert [r.key for r in check.unmet] == ["lessons", "assignments", "attendance"]
    assert rule(check, "attendance").detail == "0% dari minimal 75% (0/4 sesi)"


@pytest.mark.parametrize(
    "fields, expected_detail",
    [
        ({"lessons": (0, 0)}, ("lessons", "tidak ada pelajaran wajib")),
        ({"assignments": (0, 0)}, ("assignments", "tidak ada tugas")),
        ({"sessions": (0, 0)}, ("attendance", "belum ada sesi yang berlangsung")),
    ],
)
def test_nothing_required_counts_as_met(fields, expected_detail):
    check = graduation_check(Rules(), progress(**fields))
    key, detail = expected_detail
    assert rule(check, key).met
    assert rule(check, key).detail == detail
    assert check.eligible


def test_a_new_cohort_with_nothing_published_is_eligible():
    check = graduation_check(Rules(), progress(lessons=(0, 0), assignments=(0, 0), sessions=(0, 0)))
    assert check.eligible and len(check.rules) == 3


@pytest.mark.parametrize(
    "rules, failing, expected_keys, eligible",
    [
        (Rules(require_all_lessons=False), {"lessons": (10, 1)}, ["assignments", "attendance"], True),
        (
            Rules(require_all_lessons=True),
            {"lessons": (10, 1)},
            ["lessons", "assignments", "attendance"],
            False,
        ),
        (Rules(require_assignments_passed=False), {"assignments": (3, 0)}, ["lessons", "attendance"], True),
        (
            Rules(require_assignments_passed=True),
            {"assignments": (3, 0)},
            ["lessons", "assignments", "attendance"],
            False,
        ),
        (Rules(min_attendance_percent=0), {"sessions": (10, 0)}, ["lessons", "assignments"], True),
        (
            Rules(min_attendance_percent=1),
            {"sessions": (10, 0)},
            ["lessons", "assignments", "attendance"],
            False,
        ),
        (
            Rules(require_all_lessons=False, require_assignments_passed=False, min_attendance_percent=0),
            {"lessons": (10, 0), "assignments": (3, 0), "sessions": (10, 0)},
            [],
            True,
        ),
    ],
)
def test_each_rule_can_be_switched_off(rules, failing, expected_keys, eligible):
    check = graduation_check(rules, progress(**failing))
    assert [r.key for r in check.rules] == expected_keys
    assert check.eligible is eligible


def test_more_than_required_is_still_met():
    # The comparison is >=, not ==: a count above the requirement still meets it.
    check = graduation_check(Rules(), progress(lessons=(5, 6), assignments=(1, 2), sessions=(4, 4)))
    assert check.eligible


def test_labels_name_the_minimum():
    check = graduation_check(Rules(min_attendance_percent=80), progress())
    assert rule(check, "attendance").label == "Kehadiran minimal 80%"
