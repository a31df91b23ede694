"""One way to split a list into pages: the page number travels in `?halaman=` (the public site speaks
Indonesian first), and links written before it was chosen (`?page=`, `?hal=`) still open the page they named.

Views call `paginate(request, items, per_page=…)`; templates include `includes/pagination.html`, whose links
keep every other parameter of the current address (filters, sort, search words).
"""

from django.core.paginator import Page, Paginator

PAGE_PARAMETER = "halaman"
OLD_PAGE_PARAMETERS = ("page", "hal")


def page_number(params) -> str | None:
    """The page asked for in these GET parameters: `halaman`, else an older name; None when none is given."""
    for name in (PAGE_PARAMETER, *OLD_PAGE_PARAMETERS):
        if params.get(name):
            return params.get(name)
    return None


def paginate(request, items, *, per_page: int) -> Page:
    """The page of `items` the request asks for; a page past the end gives the last page, a page that is not a
    number gives the first (Django's `Paginator.get_page`)."""
    return Paginator(items, per_page).get_page(page_number(request.GET))


def page_query(params, number: int) -> str:
    """The query string of the same address on page `number` (without the leading "?")."""
    params = params.copy()
    for name in (PAGE_PARAMETER, *OLD_PAGE_PARAMETERS):
        params.pop(name, None)
    params[PAGE_PARAMETER] = number
    return params.urlencode()
