from adimarko.core.numbers import floor_percent, round_percent


def test_floor_percent_rounds_down():
    assert floor_percent(2, 3) == 66
    assert floor_percent(199, 200) == 99
    assert floor_percent(3, 3) == 100
    assert floor_percent(0, 5) == 0


def test_a_share_of_nothing_is_none_unless_the_caller_gives_it_a_value():
    assert floor_percent(0, 0) is None
    assert floor_percent(0, 0, when_empty=100) == 100
    assert floor_percent(1, 4, when_empty=100) == 25


def test_round_percent_shows_the_nearest_whole_percent():
    assert round_percent(2, 3) == 67  # 66.67
    assert round_percent(1, 3) == 33
    assert round_percent(1, 8) == 13  # 12.5: halves up
    assert round_percent(3, 7) == 43 and round_percent(2, 7) == 29
    assert round_percent(0, 5) == 0 and round_percent(5, 5) == 100


def test_round_percent_never_shows_100_before_the_whole_is_done():
    assert round_percent(199, 200) == 99  # 99.5 would round to 100
    assert round_percent(999, 1000) == 99
    assert round_percent(200, 200) == 100


def test_round_percent_of_nothing_is_what_the_caller_says():
    assert round_percent(0, 0) is None
    assert round_percent(0, 0, when_empty=100) == 100
