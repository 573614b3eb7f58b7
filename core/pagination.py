"""One way to cut a long list into pages, shared by the schedule, the series and
organization lists and search.

A page number that names no page of the list ("abc", "0", "999") is a 404, as Django's
own ListView answers: a 500 would be our fault, and serving page 1 or the last page
under any number would give caches and search engines endless copies of one page. So is
a number not written the one way a page's links write it ("007", "+7", " 7"): each would
be another URL of the same page, and another copy in the page cache.
"""

import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

# Page sizes: long enough to rarely need a second page for this site's own content.
WORKSHOPS_PER_PAGE = 50
ORGANIZATIONS_PER_PAGE = 50
SERIES_PER_PAGE = 50
RESULTS_PER_PAGE = 20
# How the site writes a page number or a year: no sign, no leading zero, no spaces.
CANONICAL_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def paginate(object_list, per_page, number):
    """The page of `object_list` numbered `number` (a `?page=` value; None is the first).

    A queryset costs two queries (a count and the page); a list costs none, so a
    caller that needs every row anyway (the schedule's timeline) paginates the list.
    """
    if number not in (None, "") and not CANONICAL_NUMBER.fullmatch(str(number)):
        raise Http404(_("There is no such page."))
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(number or 1)
    except InvalidPage as error:
        raise Http404(_("There is no such page.")) from error
