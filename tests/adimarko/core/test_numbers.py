from adimarko.core.numbers import floor_percent


def test_floor_percent_rounds_down():
    assert floor_percent(2, 3) == 66
    assert floor_percent(199, 200) == 99
    assert floor_percent(3, 3) == 100
    assert floor_percent(0, 5) == 0


def test_a_share_of_nothing_is_none_unless_the_caller_gives_it_a_value():
    assert floor_percent(0, 0) is None
    assert floor_percent(0, 0, when_empty=100) == 100
    assert floor_percent(1, 4, when_empty=100) == 25
