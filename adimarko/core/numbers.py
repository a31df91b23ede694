"""Shares shown as whole percentages.

Two roundings, for two jobs:
- `round_percent` is for showing a share: the nearest whole percent, halves up (2 of 3 → 67), but never 100
  before the whole is done (199 of 200 → 99), so "100 %" always means complete.
- `floor_percent` is for a share that is compared with a threshold, or shown beside one: rounded down, so the
  figure never reaches a minimum the exact share misses (2 of 3 sessions is not 67 %; a quiz of 2 correct
  answers out of 3 does not pass a pass mark of 67). The quiz score, the attendance against the cohort's
  minimum and the progress bands of the cohort dashboard use it.
"""


def floor_percent(part: int, whole: int, *, when_empty: int | None = None) -> int | None:
    """`part` as a whole percentage of `whole`, rounded down (2 of 3 → 66, 199 of 200 → 99, never 100 early).

    A share of nothing has no value: with `whole` 0 the answer is None, shown as "—" by reports. A caller
    whose rule gives "nothing to do" a meaning says so: the incubation counts no lesson required or no
    session held as fully done, `floor_percent(done, 0, when_empty=100)` → 100.
    """
    if not whole:
        return when_empty
    return part * 100 // whole


def round_percent(part: int, whole: int, *, when_empty: int | None = None) -> int | None:
    """`part` as the nearest whole percentage of `whole`, halves up (2 of 3 → 67, 1 of 8 → 13), for display;
    never 100 while `part` is short of `whole` (199 of 200 → 99). `when_empty` as for `floor_percent`."""
    if not whole:
        return when_empty
    nearest = (part * 200 + whole) // (2 * whole)
    return min(nearest, 99) if part < whole else nearest
