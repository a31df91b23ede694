from django import template
from django.http import QueryDict

from adimarko.core import pagination

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """{% page_query page.next_page_number %} → "urut=nama&halaman=3": the current address on another page."""
    request = context.get("request")
    return pagination.page_query(request.GET if request is not None else QueryDict(), number)
