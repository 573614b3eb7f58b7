"""`{% page_url n %}`: this page's URL with `page=n` and every other parameter kept
(?q=migration&page=2), and the `elided_pages` filter for the page links; both serve
templates/includes/pagination.html."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """Page 1 drops the parameter, so the first page has one address, the bare list's."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    if number != 1:
        query["page"] = number
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


@register.filter
def elided_pages(page):
    """1 … 4 5 [6] 7 8 … 20: every page near the current one, the ends, ellipses between."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@register.simple_tag(takes_context=True)
def canonical_page_path(context, page):
    """The path a page of a list names as canonical: each page after the first has content
    of its own, so it keeps `?page=N`; every other parameter is dropped, as on every page."""
    path = context["request"].path
    return f"{path}?page={page.number}" if page and page.number > 1 else path
