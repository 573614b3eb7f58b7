"""The pages of long lists: the shared navigation passes axe's WCAG 2.1 AA checks
and fits a 320-pixel phone."""

import datetime

import pytest

from series.models import Series
from tests.browser.test_accessibility import violations
from tests.factories import OrganizationFactory, SeriesOrganizerFactory, WorkshopFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def long_lists(site):
    """The seed plus 130 organizations and 120 workshops: three pages of each."""
    series = Series.objects.get(slug="key-migration-issues")
    organizations = OrganizationFactory._meta.model.objects.bulk_create(
        [OrganizationFactory.build(name=f"Migration office {n:03}") for n in range(130)]
    )
    SeriesOrganizerFactory._meta.model.objects.bulk_create(
        [SeriesOrganizerFactory.build(series=series, organization=o) for o in organizations]
    )
    WorkshopFactory._meta.model.objects.bulk_create(
        [
            WorkshopFactory.build(
                series=series,
                number=100 + n,
                title=f"Migration workshop {n:03}",
                start_date=datetime.date(1990, 1, 1) + datetime.timedelta(days=7 * n),
            )
            for n in range(120)
        ]
    )
    return site


PAGED = {
    "organization list, page 2": "/organizations/?page=2",
    "schedule, page 2": "/series/key-migration-issues/schedule/?page=2",
    "search results of one kind, page 2": "/search/?q=migration&kind=workshops&page=2",
}


@pytest.mark.parametrize("path", PAGED.values(), ids=PAGED.keys())
def test_paged_list_has_no_wcag_21_aa_violations(long_lists, page, path):
    page.goto(long_lists + path)

    assert page.locator("nav.pagination [aria-current=page]").inner_text().endswith("2")
    assert violations(page) == []


def test_page_navigation_fits_a_narrow_phone(long_lists, page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(long_lists + PAGED["organization list, page 2"])

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320
    page.get_by_role("link", name="Next page").click()
    assert page.url.endswith("/organizations/?page=3")
