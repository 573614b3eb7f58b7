"""Reference screenshots of the public pages (`make screenshots` writes them into
docs/screenshots/; otherwise into test-artifacts/screenshots/): home, schedule, summary
report, workshop, organization and search, on a 360 px phone and a 1280 px desktop, in
English, French, Arabic and Chinese. Each page must also fit its width (no sideways
scrolling of the page itself).

Beside the shipped 2005–2006 series, a second published series with upcoming, timed
workshops shows what the home page and the schedule look like when something is next.
"""

import datetime
import os
import pathlib

import pytest
from django.utils import timezone

from organizations.models import Organization
from tests.conftest import ARTIFACTS
from tests.factories import SeriesFactory, WorkshopFactory, WorkshopPartnerFactory

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = pathlib.Path(os.environ.get("SCREENSHOT_DIR", ARTIFACTS / "screenshots"))
PAGES = {
    "home": "/",
    "schedule": "/schedule/",
    "summary-report": "/series/key-migration-issues/",
    "workshop": "/series/migration-and-climate/workshops/disaster-displacement/",
    "organization": "/organizations/unhcr/",
    "search": "/search/?q=UNHCR",
}
LANGUAGES = {"en": "", "fr": "/fr", "ar": "/ar", "zh": "/zh-hans"}
VIEWPORTS = {"phone": (360, 800), "desktop": (1280, 800)}


def add_upcoming_series():
    today = timezone.localdate()
    series = SeriesFactory(
        slug="migration-and-climate",
        title="Migration and Climate Change",
        title_fr="Migrations et changements climatiques",
        label="Briefing Series",
        label_fr="Série de séances d’information",
    )
    rows = [
        ("disaster-displacement", "Disaster Displacement", "Déplacements liés aux catastrophes",
         20, (10, 0), (13, 0), "Conference Room 6, UN Headquarters", "America/New_York", "unhcr"),
        ("planned-relocation", "Planned Relocation", "Relocalisation planifiée",
         48, (15, 0), (16, 30), "Palais des Nations, Room XXIV", "Europe/Zurich", "iom"),
    ]  # fmt: skip
    for number, (slug, title, title_fr, days, start, end, venue, zone, partner) in enumerate(
        rows, start=1
    ):
        workshop = WorkshopFactory(
            series=series,
            number=number,
            slug=slug,
            title=title,
            title_fr=title_fr,
            start_date=today + datetime.timedelta(days=days),
            start_time=datetime.time(*start),
            end_time=datetime.time(*end),
            venue=venue,
            time_zone=zone,
        )
        WorkshopPartnerFactory(
            workshop=workshop, organization=Organization.objects.get(slug=partner)
        )


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshot_of_each_page_fits_phone_and_desktop(site, page, language, viewport):
    add_upcoming_series()
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    for name, path in PAGES.items():
        response = page.goto(site + LANGUAGES[language] + path)
        shot = SCREENSHOTS / f"{name}-{language}-{viewport}-{width}x{height}.png"
        page.screenshot(path=shot, full_page=True)

        assert response.status == 200, path
        assert shot.stat().st_size > 10_000
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
