import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template

from adimarko.core.money import format_rupiah


@pytest.mark.parametrize(
    ("amount", "text"),
    [(25000, "Rp 25.000"), (0, "Rp 0"), (1500000, "Rp 1.500.000"), (-7500, "-Rp 7.500"), (999, "Rp 999")],
)
def test_format_rupiah(amount, text):
    assert format_rupiah(amount) == text


def test_rupiah_template_filter_keeps_the_amount_on_one_line_in_html():
    """In HTML the amount sits in a span that site.css keeps on one line ("Rp 472.000" broke in two on a
    phone); where autoescaping is off (text emails) it is plain text."""
    rendered = Template("{% load adimarko %}{{ price|rupiah }}|{{ missing|rupiah }}").render(
        Context({"price": 472000})
    )
    assert rendered == '<span class="money">Rp 472.000</span>|'
    text = Template("{% load adimarko %}{% autoescape off %}{{ price|rupiah }}{% endautoescape %}").render(
        Context({"price": 472000})
    )
    assert text == "Rp 472.000"
    css = Path(finders.find("adimarko/css/site.css")).read_text()
    assert re.search(r"\.money\s*\{\s*white-space:\s*nowrap;\s*\}", css)
