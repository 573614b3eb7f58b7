import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from tests.browser.conftest import print_view_text, require_fonts
from tests.factories import RelatedLinkFactory, SeriesFactory, WorkshopFactory

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOT_PAGES = {
    "summary-report": "/series/key-migration-issues/",
    "schedule": "/series/key-migration-issues/schedule/",
    "workshop": "/series/key-migration-issues/workshops/international-trafficking-in-human-beings/",
}


def printed_text(page):
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    # NFKC turns the typeset ligatures (“ﬃ” in Trafficking) back into letters; lines break
    # anywhere on paper.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_printed_summary_report_holds_the_report_and_no_navigation(site, page):
    page.goto(site + SCREENSHOT_PAGES["summary-report"])

    text = print_view_text(page)

    for fact in [
        "Key Migration Issues",
        "Workshop Series",
        "Sarah Rosengärtner",
        "as the lead training agency for UN government delegates",
        "UNFPA",
        "IOM",
        "High Level Dialogue on International Migration and Development",
        "Migration in an Interconnected World: New Directions for Action",
        "International Trafficking in Human Beings",
        "Labour Migration",
        "Contributions of Diasporas",
        "HIV, AIDS and Migration",
        "Regional Consultative Processes",
        "Migration and Human Rights",
        "Irregular Migration",
        "30 August 2006",
    ]:
        assert fact in text, fact
    for chrome in ["Skip to main content", "Staff sign-in", "Accessibility", r"\bSearch\b"]:
        assert not re.search(chrome, text), chrome


def test_printed_report_writes_out_external_link_targets(live_server, page):
    series = SeriesFactory(title="Printed")
    WorkshopFactory(series=series)
    RelatedLinkFactory(series=series, title="Global Migration Group", url="https://example.org/gmg")

    page.goto(live_server.url + series.get_absolute_url())
    # The address is generated content (::after), which only the printed PDF holds.
    require_fonts("en")
    text = printed_text(page)

    assert "Global Migration Group (https://example.org/gmg)" in text
