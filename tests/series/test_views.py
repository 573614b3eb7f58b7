import datetime

import pytest
from django.urls import reverse

from publishing.enums import Status
from tests.factories import (
    SeriesFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

KMI = "key-migration-issues"


def text_of(response):
    return response.content.decode()


def test_home_shows_the_featured_series_as_a_card_linking_to_its_report(
    client, key_migration_issues
):
    response = client.get("/")

    html = text_of(response)
    assert response.status_code == 200
    assert f'href="{reverse("series:detail", args=[KMI])}">Key Migration Issues</a>' in html
    assert "Workshop Series" in html
    assert "7 workshops" in html
    assert html.count("<h1") == 1


def test_summary_report_shows_every_fact_of_the_seed(client, key_migration_issues):
    response = client.get(reverse("series:detail", args=[KMI]))

    html = text_of(response)
    assert response.status_code == 200
    assert "International migration, or human mobility, is an issue" in html
    assert "In light of future policy discussions and with the presence of top migration" in html
    assert "as the lead training agency for UN government delegates" in html
    assert "as the principal organization addressing international migration" in html
    assert "High Level Dialogue on International Migration and Development" in html
    assert (
        '<time datetime="2006-09-14">14</time>\u2009–\u2009'
        '<time datetime="2006-09-15">15 September 2006</time>' in html
    )
    assert "Migration in an Interconnected World: New Directions for Action" in html
    assert '<time datetime="2005-10-05">5 October 2005</time>' in html
    assert "Migration and Development Series" in html


def test_summary_report_lists_the_seven_workshops_in_order_with_dates(client, key_migration_issues):
    response = client.get(reverse("series:detail", args=[KMI]))

    titles = [w.title for w in response.context["workshops"]]
    assert titles == [
        "International Trafficking in Human Beings",
        "Labour Migration",
        "Contributions of Diasporas",
        "HIV, AIDS and Migration",
        "Regional Consultative Processes",
        "Migration and Human Rights",
        "Irregular Migration",
    ]
    html = text_of(response)
    assert '<time datetime="2005-10-18">18 October 2005</time>' in html
    assert '<time datetime="2006-08-30">30 August 2006</time>' in html


def test_summary_report_links_partners_to_their_pages(client, key_migration_issues):
    response = client.get(reverse("series:detail", args=[KMI]))

    html = text_of(response)
    assert "organized with" in html
    assert 'href="/organizations/unu/"' in html
    assert 'href="/organizations/unodc/"' in html
    assert 'href="/organizations/unhcr/"' in html


def test_summary_report_shows_a_related_draft_series_unlinked(client, key_migration_issues):
    response = client.get(reverse("series:detail", args=[KMI]))

    html = text_of(response)
    assert "Migration and Development Series" in html
    assert 'href="/series/migration-and-development/"' not in html


def test_summary_report_omits_draft_workshops(client):
    series = SeriesFactory()
    WorkshopFactory(series=series, title="Public workshop")
    WorkshopFactory(series=series, title="Secret draft", status=Status.DRAFT)

    response = client.get(series.get_absolute_url())

    assert "Public workshop" in text_of(response)
    assert "Secret draft" not in text_of(response)


def test_summary_report_of_a_draft_series_is_404_for_the_public(client):
    series = SeriesFactory(status=Status.DRAFT)

    response = client.get(series.get_absolute_url())

    assert response.status_code == 404
    assert "Page not found" in text_of(response)


def test_summary_report_of_a_draft_is_a_preview_for_staff(staff_client):
    series = SeriesFactory(status=Status.DRAFT, title="Coming soon")
    WorkshopFactory(series=series, title="Draft workshop", status=Status.DRAFT)

    response = staff_client.get(series.get_absolute_url())

    html = text_of(response)
    assert response.status_code == 200
    assert "Draft preview." in html
    assert "Draft workshop" in html


def test_summary_report_of_an_unknown_slug_is_404(client):
    response = client.get("/series/no-such-series/")

    assert response.status_code == 404


def test_summary_report_renders_markdown_without_script(client):
    series = SeriesFactory(
        summary=(
            '**Bold** <script>alert("x")</script> [click](javascript:alert(1)) '
            "<img src=x onerror=alert(1)>"
        )
    )

    html = text_of(client.get(series.get_absolute_url()))

    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html
    # CommonMark does not make a link of a javascript: address: it stays visible as text.
    assert 'href="javascript:' not in html
    assert "<img" not in html


def test_series_list_shows_published_series_only(client):
    SeriesFactory(title="Visible")
    SeriesFactory(title="Hidden", status=Status.DRAFT)

    response = client.get(reverse("series:list"))

    assert [s.title for s in response.context["series_list"]] == ["Visible"]
    assert "Hidden" not in text_of(response)


def test_series_list_counts_only_published_workshops(client):
    series = SeriesFactory()
    WorkshopFactory(series=series)
    WorkshopFactory(series=series, status=Status.DRAFT)

    response = client.get(reverse("series:list"))

    assert "1 workshop" in text_of(response)
    assert "2 workshops" not in text_of(response)


def test_home_without_any_series_says_so(client):
    SeriesFactory(status=Status.DRAFT)

    response = client.get("/")

    assert response.status_code == 200
    assert "No series has been published yet." in text_of(response)


def test_home_shows_the_next_workshop_when_one_is_upcoming(client):
    series = SeriesFactory(featured=True)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    WorkshopFactory(series=series, title="Tomorrow's workshop", start_date=tomorrow)

    response = client.get("/")

    assert [w.title for w in response.context["upcoming"]] == ["Tomorrow's workshop"]
    assert "No workshop is scheduled at the moment." not in text_of(response)


def test_schedule_lists_past_workshops_latest_first_grouped_by_year(client, key_migration_issues):
    response = client.get(reverse("series:schedule", args=[KMI]))

    past = response.context["past_by_year"]
    assert [year for year, _ in past] == [2006, 2005]
    assert [w.number for w in past[0][1]] == [7, 6, 5, 4, 3, 2]
    assert [w.number for w in past[1][1]] == [1]
    assert "No workshop is scheduled at the moment." in text_of(response)


def test_schedule_lists_upcoming_soonest_first_before_past(client):
    series = SeriesFactory()
    today = datetime.date.today()
    WorkshopFactory(series=series, title="Later", start_date=today + datetime.timedelta(days=60))
    WorkshopFactory(series=series, title="Sooner", start_date=today + datetime.timedelta(days=5))
    WorkshopFactory(series=series, title="Before", start_date=today - datetime.timedelta(days=5))

    response = client.get(reverse("series:schedule", args=[series.slug]))

    upcoming = [w.title for _, group in response.context["upcoming_by_year"] for w in group]
    assert upcoming == ["Sooner", "Later"]
    html = text_of(response)
    lists = html[html.index('<section id="upcoming"') :]  # after the timeline, which has them too
    assert lists.index("Sooner") < lists.index("Before")
    assert "No workshop is scheduled at the moment." not in html


def test_schedule_counts_a_workshop_as_upcoming_until_its_last_day(client):
    series = SeriesFactory()
    today = datetime.date.today()
    WorkshopFactory(
        series=series,
        title="Running now",
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )

    response = client.get(reverse("series:schedule", args=[series.slug]))

    assert [w.title for _, g in response.context["upcoming_by_year"] for w in g] == ["Running now"]


def test_schedule_filters_by_year(client, key_migration_issues):
    response = client.get(reverse("series:schedule", args=[KMI]), {"year": "2005"})

    past = response.context["past_by_year"]
    assert [(year, [w.number for w in group]) for year, group in past] == [(2005, [1])]


@pytest.mark.parametrize("query", ["year=abc", "year=-1", "year=99999", "year=" + "9" * 10_000])
def test_schedule_with_a_nonsense_year_is_a_400_page(client, key_migration_issues, query):
    response = client.get(reverse("series:schedule", args=[KMI]) + "?" + query)

    assert response.status_code == 400
    assert "This schedule cannot be shown" in text_of(response)


@pytest.mark.parametrize("query", ["page=-1", "page=abc", "x=" + "y" * 10_000])
def test_pages_ignore_query_strings_they_do_not_use(client, key_migration_issues, query):
    # The series list pages itself: tests/core/test_pagination.py tries its bad pages.
    for url in ["/", reverse("series:detail", args=[KMI])]:
        response = client.get(url + "?" + query)

        assert response.status_code == 200
