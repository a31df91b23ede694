import pytest
from django.template import Context, Template

from adimarko.core.money import format_rupiah


@pytest.mark.parametrize(
    ("amount", "text"),
    [(25000, "Rp 25.000"), (0, "Rp 0"), (1500000, "Rp 1.500.000"), (-7500, "-Rp 7.500"), (999, "Rp 999")],
)
def test_format_rupiah(amount, text):
    assert format_rupiah(amount) == text


def test_rupiah_template_filter():
    rendered = Template("{% load adimarko %}{{ price|rupiah }}|{{ missing|rupiah }}").render(
        Context({"price": 25000})
    )
    assert rendered == "Rp 25.000|"
