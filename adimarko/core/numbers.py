"""Shares shown as whole percentages."""


def floor_percent(part: int, whole: int, *, when_empty: int | None = None) -> int | None:
    """`part` as a whole percentage of `whole`, rounded down (2 of 3 → 66, 199 of 200 → 99, never 100 early).

    A share of nothing has no value: with `whole` 0 the answer is None, shown as "—" by reports. A caller
    whose rule gives "nothing to do" a meaning says so: the incubation counts no lesson required or no
    session held as fully done, `floor_percent(done, 0, when_empty=100)` → 100.
    """
    if not whole:
        return when_empty
    return part * 100 // whole
