"""JSON-LD, OpenGraph and Twitter cards, canonical URLs and descriptions on the pages."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest

from core.templatetags.meta import json_ld
from tests.factories import SeriesFactory, SeriesOrganizerFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

KMI = "/series/key-migration-issues/"
LABOUR = KMI + "workshops/labour-migration/"


class HeadParser(HTMLParser):
    """Collects <meta>, <link> and the text of <script type="application/ld+json">."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld = {}, [], []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("property") or attrs.get("name")] = attrs["content"]
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self._in_ld = attrs.get("type") == "application/ld+json"
            if self._in_ld:
                self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def test_series_page_has_event_series_json_ld(client, key_migration_issues):
    [data] = [json.loads(text) for text in head_of(client, KMI).json_ld]

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "EventSeries"
    assert data["name"] == "Key Migration Issues Workshop Series"
    assert data["url"] == "http://testserver/series/key-migration-issues/"
    assert (data["startDate"], data["endDate"]) == ("2005-10-18", "2006-08-30")
    assert [o["alternateName"] for o in data["organizer"]] == ["UNITAR", "UNFPA", "IOM"]
    assert len(data["subEvent"]) == 7
    assert data["description"].startswith("International migration, or human mobility")


def test_workshop_page_has_event_json_ld(client, key_migration_issues):
    [data] = [json.loads(text) for text in head_of(client, LABOUR).json_ld]

    assert data["@type"] == "Event"
    assert data["name"] == "Labour Migration"
    assert data["url"] == "http://testserver" + LABOUR
    assert (data["startDate"], data["endDate"]) == ("2006-03-15", "2006-03-15")
    assert data["superEvent"] == {
        "@type": "EventSeries",
        "name": "Key Migration Issues Workshop Series",
        "url": "http://testserver/series/key-migration-issues/",
    }
    assert [o["alternateName"] for o in data["organizer"]] == ["UNITAR", "UNFPA", "IOM", "ILO"]
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert "location" not in data  # the report names no venue


def test_timed_workshop_json_ld_has_venue_and_offset(client):
    workshop = WorkshopFactory(
        start_date=datetime.date(2006, 3, 15),
        start_time=datetime.time(13, 15),
        end_time=datetime.time(14, 30),
        venue="Conference Room 6",
    )

    [data] = [json.loads(t) for t in head_of(client, workshop.get_absolute_url()).json_ld]

    assert data["startDate"] == "2006-03-15T13:15:00-05:00"
    assert data["endDate"] == "2006-03-15T14:30:00-05:00"
    assert data["location"] == {
        "@type": "Place",
        "name": "Conference Room 6",
        "address": "Conference Room 6",
    }


def test_json_ld_cannot_be_broken_out_of_by_a_title(client):
    series = SeriesFactory(title='</script><script>alert("x")</script> & more')
    SeriesOrganizerFactory(series=series)

    response = client.get(series.get_absolute_url())

    html = response.content.decode()
    assert "<script>alert" not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "\\u003C/script\\u003E" in block
    assert json.loads(block)["name"].startswith('</script><script>alert("x")</script> & more')


def test_json_ld_filter_keeps_json_scripts_escaping():
    html = json_ld({"name": "<b>&</b>"})

    assert html == (
        '<script type="application/ld+json">{"name": "\\u003Cb\\u003E\\u0026\\u003C/b\\u003E"}'
        "</script>"
    )


def test_workshop_page_has_opengraph_twitter_canonical_and_description(
    client, key_migration_issues
):
    head = head_of(client, LABOUR)

    description = "Workshop 2 of the Key Migration Issues Workshop Series."
    assert head.meta["description"] == description
    assert head.meta["og:title"] == "Labour Migration"
    assert head.meta["og:description"] == description
    assert head.meta["og:type"] == "article"
    assert head.meta["og:url"] == "http://testserver" + LABOUR
    assert head.meta["og:site_name"] == "UN Workshop Series"
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["twitter:title"] == "Labour Migration"
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == ["http://testserver" + LABOUR]


def test_series_page_description_comes_from_the_summary(client, key_migration_issues):
    head = head_of(client, KMI)

    assert head.meta["description"].startswith("International migration, or human mobility")
    assert head.meta["og:description"] == head.meta["description"]
    assert head.meta["og:title"] == "Key Migration Issues Workshop Series"


def test_canonical_url_drops_the_query_string(client, key_migration_issues):
    head = head_of(client, KMI + "schedule/?year=2006")

    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == ["http://testserver/series/key-migration-issues/schedule/"]


def test_every_page_has_default_social_tags(client, key_migration_issues):
    for url in ["/", "/series/", "/organizations/", "/organizations/unhcr/", "/search/?q=x"]:
        head = head_of(client, url)

        assert head.meta["og:site_name"] == "UN Workshop Series", url
        assert head.meta["og:title"], url
        assert head.meta["twitter:card"] == "summary", url
