"""The timeline as the pages draw it: valid SVG inside valid HTML, links, accessibility."""

import datetime
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from series.models import Series
from series.templatetags.timeline import workshop_urls
from tests.factories import MilestoneFactory, SeriesFactory, WorkshopFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

KMI = "key-migration-issues"
SVG = "{http://www.w3.org/2000/svg}"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class StrictHTML(HTMLParser):
    """Fails on what a browser would silently repair: unclosed or stray tags, duplicate ids.
    Inside <svg> every element must be closed, as XML requires."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.errors, self.described = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            if attributes["id"] in self.ids:
                self.errors.append(f"duplicate id {attributes['id']}")
            self.ids.add(attributes["id"])
        if "aria-describedby" in attributes:
            self.described += attributes["aria-describedby"].split()
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID and "svg" not in self.stack and tag != "svg":
            self.errors.append(f"self-closing <{tag}/> outside SVG")
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()


def check_html(html):
    parser = StrictHTML()
    parser.feed(html)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    assert set(parser.described) <= parser.ids
    return parser


def chart_of(html):
    """The timeline's <svg>, parsed as XML: proof that it is well-formed SVG."""
    match = re.search(r'<svg class="timeline__chart".*?</svg>', html, re.DOTALL)
    assert match, "no timeline on the page"
    return ET.fromstring(match.group(0))


def test_summary_report_timeline_shows_the_seven_workshops_in_date_order(
    client, key_migration_issues
):
    response = client.get(reverse("series:detail", args=[KMI]))

    chart = chart_of(response.content.decode())
    links = chart.findall(f".//{SVG}a[@class='timeline__workshop']")
    workshops = Workshop.objects.filter(series__slug=KMI).order_by("start_date")
    assert [a.get("href") for a in links] == [w.get_absolute_url() for w in workshops]
    assert [a.find(f"{SVG}circle/../{SVG}text[@class='timeline__number']").text for a in links] == [
        "1", "2", "3", "4", "5", "6", "7",
    ]  # fmt: skip
    xs = [float(a.find(f"{SVG}circle").get("cx")) for a in links]
    assert xs == sorted(xs)
    assert len(set(xs)) == 7
    assert links[0].find(f"{SVG}title").text == (
        "Workshop 1: International Trafficking in Human Beings, 18 October 2005"
    )


def test_summary_report_timeline_shows_both_milestones_as_diamonds(client, key_migration_issues):
    response = client.get(reverse("series:detail", args=[KMI]))

    chart = chart_of(response.content.decode())
    milestones = chart.findall(f".//{SVG}g[@class='timeline__milestone']")
    titles = [g.find(f"{SVG}title").text for g in milestones]
    assert titles == [
        "Global Commission on International Migration presents its Final Report “Migration in "
        "an Interconnected World: New Directions for Action”, 5 October 2005 (context, not part "
        "of the series)",
        "High Level Dialogue on International Migration and Development, "
        "14\u2009–\u200915 September 2006 (context, not part of the series)",
    ]
    assert all(g.find(f"{SVG}path[@class='timeline__diamond']") is not None for g in milestones)
    dates = [g.findall(f".//{SVG}tspan")[-1].text for g in milestones]
    assert dates == ["5 October 2005", "14\u2009–\u200915 September 2006"]


def test_summary_report_timeline_holds_each_milestones_full_name_and_focus(
    client, key_migration_issues
):
    response = client.get(reverse("series:detail", args=[KMI]))

    chart = chart_of(response.content.decode())
    milestones = chart.findall(f".//{SVG}g[@class='timeline__milestone']")
    assert len(milestones) == 2
    # Unlinked milestones are reached by keyboard and named for screen readers.
    assert all(g.get("tabindex") == "0" and g.get("role") == "img" for g in milestones)
    assert (
        milestones[0]
        .get("aria-label")
        .startswith(
            "Global Commission on International Migration presents its Final Report “Migration in"
        )
    )
    # The short label is cut; the whole name is drawn too, hidden until hover or focus.
    short = "".join(milestones[0].find(f"{SVG}text[@class]").itertext())
    assert "…" in short
    full = milestones[0].find(f"{SVG}g[@class='timeline__full']")
    words = " ".join(t.text for t in full.iter(f"{SVG}tspan"))
    assert words == (
        "Global Commission on International Migration presents its Final Report “Migration in "
        "an Interconnected World: New Directions for Action” 5 October 2005"
    )
    # The drawing is tall enough for the whole name.
    height = float(chart.get("viewBox").split()[3])
    assert all(
        float(r.get("y")) + float(r.get("height")) <= height for r in chart.iter(f"{SVG}rect")
    )


def test_summary_report_timeline_has_a_title_a_description_and_the_list_beside_it(
    client, key_migration_issues
):
    response = client.get(reverse("series:detail", args=[KMI]))

    html = response.content.decode()
    chart = chart_of(html)
    assert chart.find(f"{SVG}title").text == "Timeline of the series"
    assert chart.find(f"{SVG}desc").text.startswith(
        "7 workshops from 18 October 2005 to 30 August 2006, drawn as numbered circles in date "
        "order. 2 context events, not part of the series, drawn as diamonds."
    )
    assert chart.get("aria-describedby") == "timeline-desc workshop-list milestone-list"
    assert chart.get("role") == "group"
    assert '<ol class="workshop-list" id="workshop-list">' in html
    assert '<ul class="milestones" id="milestone-list">' in html
    assert html.index("timeline__chart") < html.index('id="workshop-list"')


def test_summary_report_with_the_timeline_is_valid_html(client, key_migration_issues):
    response = client.get(reverse("series:detail", args=[KMI]))

    parser = check_html(response.content.decode())
    assert {"timeline-title", "timeline-desc", "workshop-list", "milestone-list"} <= parser.ids


def test_timeline_needs_no_script_and_no_inline_style(client, key_migration_issues):
    response = client.get(reverse("series:detail", args=[KMI]))

    html = response.content.decode()
    figure = html[html.index('<figure class="timeline') : html.index("</figure>")]
    assert not re.search(r"\sstyle=", figure)
    assert "<style" not in figure
    assert "<script" not in figure
    assert not re.search(r"\son[a-z]+=", figure)  # no onclick= and the like


def test_schedule_shows_the_timeline_described_by_its_lists(client, key_migration_issues):
    response = client.get(reverse("series:schedule", args=[KMI]))

    html = response.content.decode()
    chart = chart_of(html)
    assert len(chart.findall(f".//{SVG}a[@class='timeline__workshop']")) == 7
    assert len(chart.findall(f".//{SVG}g[@class='timeline__milestone']")) == 2
    assert chart.get("aria-describedby") == "timeline-desc upcoming past"
    check_html(html)


def test_schedule_of_one_year_draws_that_year_only(client, key_migration_issues):
    response = client.get(reverse("series:schedule", args=[KMI]), {"year": 2005})

    chart = chart_of(response.content.decode())
    assert len(chart.findall(f".//{SVG}a[@class='timeline__workshop']")) == 1
    milestones = chart.findall(f".//{SVG}g[@class='timeline__milestone']")
    assert [g.find(f"{SVG}title").text[:30] for g in milestones] == [
        "Global Commission on Internati"
    ]


def test_summary_report_of_an_empty_series_shows_no_timeline(client):
    series = SeriesFactory()
    MilestoneFactory(series=series)

    response = client.get(series.get_absolute_url())

    assert response.status_code == 200
    assert "timeline" not in response.content.decode()


def test_timeline_links_a_milestone_with_a_web_address(client):
    series = SeriesFactory()
    WorkshopFactory(series=series)
    MilestoneFactory(series=series, url="https://example.org/dialogue")

    response = client.get(series.get_absolute_url())

    chart = chart_of(response.content.decode())
    (link,) = chart.findall(f".//{SVG}a[@class='timeline__milestone']")
    assert link.get("href") == "https://example.org/dialogue"


def test_timeline_escapes_titles(client):
    series = SeriesFactory()
    WorkshopFactory(series=series, title='<script>alert("x")</script> & more')

    response = client.get(series.get_absolute_url())

    html = response.content.decode()
    chart = chart_of(html)
    assert "<script>" not in html[html.index("timeline__chart") :]
    assert (
        '<script>alert("x")</script> & more, 15 March 2006'
        in chart.find(f".//{SVG}a/{SVG}title").text
    )


def render_timeline(workshops, milestones=()):
    template = Template("{% load timeline %}{% timeline workshops milestones %}")
    return template.render(Context({"workshops": workshops, "milestones": milestones}))


def test_timeline_numbers_are_not_localized():
    series = SeriesFactory()
    workshops = [
        WorkshopFactory(series=series, start_date=datetime.date(2006, 3, 7)),
        WorkshopFactory(series=series, start_date=datetime.date(2006, 3, 20)),
    ]

    with translation.override("de"):
        html = render_timeline(workshops)

    chart = chart_of(html)
    for circle in chart.iter(f"{SVG}circle"):
        float(circle.get("cx"))


def test_timeline_runs_right_to_left_under_a_right_to_left_language():
    series = SeriesFactory()
    workshops = [
        WorkshopFactory(series=series, start_date=datetime.date(2006, 3, 7)),
        WorkshopFactory(series=series, start_date=datetime.date(2006, 9, 20)),
    ]

    with translation.override("ar"):
        html = render_timeline(workshops)

    chart = chart_of(html)
    assert chart.get("direction") == "rtl"
    first, second = (float(c.get("cx")) for c in chart.iter(f"{SVG}circle"))
    assert first > second


def test_workshop_urls_are_each_workshops_own(key_migration_issues):
    workshops = list(Workshop.objects.select_related("series").order_by("start_date"))
    other = WorkshopFactory(slug="elsewhere")

    assert workshop_urls(workshops) == [w.get_absolute_url() for w in workshops]
    mixed = [*workshops, other]
    assert workshop_urls(mixed) == [w.get_absolute_url() for w in mixed]


def test_timeline_of_a_long_series_draws_every_workshop_as_a_small_linked_mark():
    series = Series(title="Long", slug="long")
    workshops = [
        Workshop(
            series=series,
            number=n,
            title=f"Workshop {n}",
            slug=f"workshop-{n}",
            start_date=datetime.date(2010, 1, 1) + datetime.timedelta(days=18 * n),
        )
        for n in range(1, 201)
    ]

    chart = chart_of(render_timeline(workshops))

    links = chart.findall(f".//{SVG}a[@class='timeline__workshop']")
    assert len(links) == 200
    assert links[-1].get("href") == "/series/long/workshops/workshop-200/"
    assert links[-1].find(f"{SVG}title").text == "Workshop 200: Workshop 200, 10 November 2019"
    assert chart.findall(f".//{SVG}text[@class='timeline__number']") == []
    counts = [t.text for t in chart.iter(f"{SVG}text") if t.get("class") == "timeline__count"]
    assert counts[0] == "20 workshops"
