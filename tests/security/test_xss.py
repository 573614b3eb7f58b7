"""A corpus of cross-site scripting payloads, written into every text a staff member can
enter, reaches no page, feed, calendar or JSON document in a form that could run.

Rich text (Series.summary, Workshop.summary, Organization.description,
Milestone.description) goes through Markdown and the nh3 allow-list; every other string is
escaped by the templates. `tests/htmlsafety.py` judges each page as a browser would parse it.
"""

import datetime
import json
import urllib.parse
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from core.text.markup import render_markdown
from publishing.enums import Status
from tests.factories import (
    DocumentFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RelatedLinkFactory,
    SeriesFactory,
    SeriesOrganizerFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)
from tests.htmlsafety import script_url, unsafe_parts

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">hover</div>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    '<img """><script>alert(1)</script>">',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<details open ontoggle=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    "<input autofocus onfocus=alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    "[x](  javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[x]: javascript:alert(1)\n\nSee [x].",
    "<isindex type=image src=1 onerror=alert(1)>",
]


def fit(model, field, value):
    """The payload as a staff member could save it in a one-line field: cut to the field's
    length, on one line (a text input cannot hold a line break)."""
    return " ".join(value.splitlines())[: model._meta.get_field(field).max_length]


def build_site(payload):
    """A published series in which every text staff can write holds the payload."""
    from organizations.models import Organization, Person
    from series.models import Milestone, RelatedLink, Series, SeriesOrganizer
    from workshops.models import Document, Workshop

    organization = OrganizationFactory(
        name=fit(Organization, "name", payload),
        acronym=fit(Organization, "acronym", payload),
        description=payload,
        slug="agency",
    )
    person = PersonFactory(
        name=fit(Person, "name", payload),
        position=fit(Person, "position", payload),
        organization=organization,
    )
    series = SeriesFactory(
        slug="kmi",
        title=fit(Series, "title", payload),
        label=fit(Series, "label", payload),
        audience=fit(Series, "audience", payload),
        summary=payload,
        featured=True,
        coordinator=person,
    )
    SeriesOrganizerFactory(
        series=series, organization=organization, role=fit(SeriesOrganizer, "role", payload)
    )
    RelatedLinkFactory(series=series, title=fit(RelatedLink, "title", payload))
    MilestoneFactory(
        series=series,
        title=fit(Milestone, "title", payload),
        description=payload,
        url="https://example.org/milestone",
    )
    workshops = []
    for number, start in [(1, datetime.date(2006, 3, 15)), (2, datetime.date(2099, 3, 15))]:
        workshop = WorkshopFactory(
            series=series,
            number=number,
            slug=f"workshop-{number}",
            start_date=start,
            title=fit(Workshop, "title", payload),
            venue=fit(Workshop, "venue", payload),
            summary=payload,
            status=Status.PUBLISHED,
        )
        WorkshopPartnerFactory(workshop=workshop, organization=organization)
        ParticipationFactory(workshop=workshop, person=person)
        DocumentFactory(workshop=workshop, title=fit(Document, "title", payload))
        workshops.append(workshop)
    return series, workshops[0], organization


def url_or_none(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # a page another part of the site has not added yet
        return None


def public_urls(series, workshop, organization, payload):
    quoted = urllib.parse.quote(payload, safe="")
    urls = [
        reverse("home"),
        reverse("series:list"),
        series.get_absolute_url(),
        reverse("series:schedule", kwargs={"slug": series.slug}),
        workshop.get_absolute_url(),
        reverse("organizations:list"),
        organization.get_absolute_url(),
        f"/series/{quoted}/",
    ]
    search = url_or_none("search:results")
    if search:
        urls += [f"{search}?q=alert", f"{search}?q={quoted}"]
    return urls


def data_urls(series, workshop):
    return {
        "feed": url_or_none("series:feed", slug=series.slug),
        "json": url_or_none("series:json", slug=series.slug),
        "calendar": url_or_none("calendars:series", series_slug=series.slug),
        "event": url_or_none("calendars:workshop", series_slug=series.slug, slug=workshop.slug),
        "sitemap": url_or_none("sitemap"),
    }


def feed_problems(xml):
    """Atom content of type html is HTML to a feed reader: judge it as a page."""
    found = []
    for element in ElementTree.fromstring(xml).iter():
        if element.get("type") in {"html", "xhtml"}:
            found += unsafe_parts(element.text or "")
        if script_url(element.get("href")):
            found.append(f"{element.tag} href={element.get('href')}")
    return found


def json_problems(value, key=""):
    """JSON is data (served as application/json, nosniff); only HTML in it, or links, could
    run in a consumer that trusts them."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in json_problems(v, k)]
    if isinstance(value, list):
        return [p for v in value for p in json_problems(v, key)]
    if isinstance(value, str):
        if key.endswith("html"):
            return unsafe_parts(value)
        if key == "url" or key.endswith(("_url", "href")):
            return [f"{key}: {value}"] if script_url(value) else []
    return []


def calendar_problems(text):
    unfolded = text.replace("\r\n ", "").replace("\r\n\t", "")
    found = [line for line in unfolded.splitlines() if line.startswith("X-ALT-DESC")]
    for line in unfolded.splitlines():
        name, _colon, value = line.partition(":")
        if name.split(";")[0] in {"URL", "ATTACH"} and script_url(value):
            found.append(line)
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_reaches_no_page_feed_calendar_or_json_in_a_form_that_runs(client, payload):
    series, workshop, organization = build_site(payload)

    problems = {}
    for url in public_urls(series, workshop, organization, payload):
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        found = unsafe_parts(response.content.decode())
        if found:
            problems[url] = found
    for kind, url in data_urls(series, workshop).items():
        if url is None:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Content-Type-Options"] == "nosniff"
        body = response.content.decode()
        found = {
            "feed": feed_problems,
            "sitemap": feed_problems,
            "json": lambda text: json_problems(json.loads(text)),
            "calendar": calendar_problems,
            "event": calendar_problems,
        }[kind](body)
        if found:
            problems[url] = found

    assert problems == {}


def test_payload_corpus_is_large_and_varied():
    assert len(PAYLOADS) >= 30
    assert len(set(PAYLOADS)) == len(PAYLOADS)


# The admin escapes everything it shows (Django's own templates); a sample of each kind of
# payload checks the preview banner and the pages this site added, at a tenth of the cost.
ADMIN_SAMPLE = [PAYLOADS[i] for i in (0, 2, 3, 8, 14, 23, 31, 33)]


@pytest.mark.parametrize("payload", ADMIN_SAMPLE)
def test_payload_in_staff_preview_and_admin_pages_cannot_run(admin_client, payload):
    series, workshop, organization = build_site(payload)
    series.status = Status.DRAFT  # staff preview a draft, with its banner
    series.save()

    pages = [
        series.get_absolute_url(),
        workshop.get_absolute_url(),
        reverse("admin:series_series_changelist"),
        reverse("admin:series_series_change", args=[series.pk]),
        reverse("admin:workshops_workshop_changelist"),
        reverse("admin:workshops_workshop_change", args=[workshop.pk]),
        reverse("admin:organizations_organization_change", args=[organization.pk]),
    ]

    problems = {url: unsafe_parts(admin_client.get(url).content.decode()) for url in pages}

    assert problems == {url: [] for url in pages}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_output_keeps_only_the_allow_list(payload):
    html = render_markdown(payload)

    assert unsafe_parts(html) == []


def test_markdown_keeps_headings_lists_emphasis_tables_and_safe_links():
    text = (
        "## Programme\n\n*Opening* and **keynote**.\n\n- one\n- two\n\n"
        "| Time | Item |\n|---|---|\n| 10:00 | Opening |\n\n"
        "[UNITAR](https://unitar.org) · [write](mailto:info@unitar.org)"
    )

    html = render_markdown(text)

    assert "<h2>Programme</h2>" in html
    assert "<em>Opening</em>" in html
    assert "<strong>keynote</strong>" in html
    assert "<ul>\n<li>one</li>" in html
    assert "<table>" in html
    assert "<th>Time</th>" in html
    assert "<td>10:00</td>" in html
    assert '<a href="https://unitar.org" rel="noopener noreferrer">UNITAR</a>' in html
    assert '<a href="mailto:info@unitar.org" rel="noopener noreferrer">write</a>' in html


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (OrganizationFactory, "website"),
        (RelatedLinkFactory, "url"),
        (MilestoneFactory, "url"),
        (DocumentFactory, "url"),
    ],
)
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"]
)
def test_web_address_fields_refuse_script_urls(factory, field, url):
    instance = factory.build(**{field: url})

    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean(exclude=[f for f in ("series", "workshop") if f != field])

    assert field in excinfo.value.message_dict


def test_line_break_in_a_title_breaks_no_calendar(client):
    """A one-line field can still hold a line break when it comes from a spreadsheet import."""
    series, workshop, _organization = build_site("Migration\n<script>alert(1)</script>")
    series.title = workshop.title = workshop.venue = "Migration\nand Health"
    series.save()
    workshop.save()

    responses = [
        client.get(reverse("calendars:series", kwargs={"series_slug": series.slug})),
        client.get(
            reverse(
                "calendars:workshop", kwargs={"series_slug": series.slug, "slug": workshop.slug}
            )
        ),
    ]

    assert [response.status_code for response in responses] == [200, 200]
    assert "\r\nNAME:Migration and Health " in responses[0].content.decode()


def test_anonymous_user_sees_no_admin_links_from_payloads(client):
    """The preview banner's admin link is only for staff: it is no way in for a payload."""
    series, _workshop, _organization = build_site("<script>alert(1)</script>")

    html = client.get(series.get_absolute_url()).content.decode()

    assert "/admin/series/" not in html
