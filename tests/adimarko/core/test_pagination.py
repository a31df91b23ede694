"""One pagination: `?halaman=`, older `?page=`/`?hal=` links still work, links keep the other parameters."""

from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory

from adimarko.core.pagination import page_number, page_query, paginate


def test_the_page_comes_from_halaman_then_from_the_older_names():
    assert page_number(QueryDict("halaman=3&page=2")) == "3"
    assert page_number(QueryDict("page=2")) == "2"
    assert page_number(QueryDict("hal=4")) == "4"
    assert page_number(QueryDict("halaman=&page=2")) == "2"
    assert page_number(QueryDict("q=kopi")) is None


def test_paginate_clamps_like_django():
    items = list(range(25))
    get = RequestFactory().get
    assert list(paginate(get("/", {"halaman": "2"}), items, per_page=10)) == list(range(10, 20))
    assert list(paginate(get("/", {"page": "3"}), items, per_page=10)) == [20, 21, 22, 23, 24]
    assert paginate(get("/", {"halaman": "99"}), items, per_page=10).number == 3
    assert paginate(get("/", {"halaman": "dua"}), items, per_page=10).number == 1
    assert paginate(get("/"), [], per_page=10).number == 1


def test_page_links_keep_other_parameters_and_drop_older_page_names():
    assert page_query(QueryDict("urut=nama&page=1&kategori=kopi"), 2) == "urut=nama&kategori=kopi&halaman=2"
    assert page_query(QueryDict("q=kopi+bubuk&hal=2"), 3) == "q=kopi+bubuk&halaman=3"
    assert page_query(QueryDict(), 1) == "halaman=1"


def _render(request, page, **extra):
    template = Template('{% include "includes/pagination.html" %}')
    return template.render(Context({"request": request, "page": page, **extra}))


def test_the_include_links_both_ways_with_the_filters_escaped():
    request = RequestFactory().get("/", {"status": "paid", "halaman": "2"})
    html = _render(request, paginate(request, list(range(30)), per_page=10))
    assert 'rel="prev" href="?status=paid&amp;halaman=1"' in html
    assert 'rel="next" href="?status=paid&amp;halaman=3"' in html
    assert "Halaman 2 dari 3" in html


def test_the_include_takes_other_link_labels_and_hides_itself_for_one_page():
    request = RequestFactory().get("/")
    assert _render(request, paginate(request, [1, 2], per_page=10)).strip() == ""
    html = _render(request, paginate(request, list(range(30)), per_page=10), next_label="Lebih lama")
    assert ">Lebih lama</a>" in html and 'rel="prev"' not in html
