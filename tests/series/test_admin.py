import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from publishing.enums import Status
from series.models import RelatedLink, Series
from tests.factories import (
    MilestoneFactory,
    RelatedLinkFactory,
    SeriesFactory,
    SeriesOrganizerFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:series_series_changelist")


def admin_url(obj, view):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def management_data(response):
    """The management forms of every inline on a rendered admin page, as the browser posts them."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management_form = inline.formset.management_form
        for name in management_form.fields:
            data[management_form.add_prefix(name)] = management_form[name].value()
    return data


def series_form_data(series):
    return {
        # The admin edits each translated field per language: English here.
        "title_en": series.title,
        "slug": series.slug,
        "label_en": series.label,
        "status": series.status,
        "summary_en": series.summary,
        "audience_en": series.audience,
        "coordinator": "",
    }


def post_related_link(admin_client, series, **link):
    """Posts the series change form with one new related-link row."""
    url = admin_url(series, "change")
    data = {**series_form_data(series), **management_data(admin_client.get(url))}
    data["related_links-TOTAL_FORMS"] = 1
    row = {
        "title_en": "Migration and Development Series",
        "url": "",
        "target_series": "",
        "order": 0,
    }
    data.update({f"related_links-0-{name}": value for name, value in {**row, **link}.items()})
    return admin_client.post(url, data)


def inline_errors(response, prefix):
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )
    return [sorted(form.errors) for form in formset.forms]


def result_list(response):
    return list(response.context["cl"].result_list)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_series_change_page_shows_its_inlines(admin_client):
    series = SeriesFactory()
    SeriesOrganizerFactory(series=series)
    RelatedLinkFactory(series=series)
    MilestoneFactory(series=series)

    response = admin_client.get(admin_url(series, "change"))

    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert [formset.prefix for formset in formsets] == [
        "organizer_roles",
        "related_links",
        "milestones",
    ]
    assert [formset.initial_form_count() for formset in formsets] == [1, 1, 1]


def test_series_changelist_counts_workshops_and_spans_their_dates(admin_client):
    series = SeriesFactory()
    WorkshopFactory(series=series, start_date=datetime.date(2005, 10, 18))
    WorkshopFactory(
        series=series, start_date=datetime.date(2006, 6, 1), end_date=datetime.date(2006, 6, 2)
    )
    SeriesFactory()

    response = admin_client.get(CHANGELIST)

    rows = {s.pk: (s.workshop_count, s.first_date, s.last_date) for s in result_list(response)}
    assert rows[series.pk] == (2, datetime.date(2005, 10, 18), datetime.date(2006, 6, 2))


@pytest.mark.parametrize("size", [1, 6])
def test_series_changelist_query_count_does_not_grow_with_rows(admin_client, size):
    WorkshopFactory()
    admin_client.get(CHANGELIST)
    with CaptureQueriesContext(connection) as baseline:
        admin_client.get(CHANGELIST)
    for series in SeriesFactory.create_batch(size):
        WorkshopFactory.create_batch(2, series=series)

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST)

    assert len(result_list(response)) == size + 1
    assert len(queries) == len(baseline)


def test_series_changelist_filters_by_status(admin_client):
    draft = SeriesFactory(status=Status.DRAFT)
    SeriesFactory(status=Status.PUBLISHED)

    response = admin_client.get(CHANGELIST, {"status__exact": Status.DRAFT})

    assert result_list(response) == [draft]


def test_series_changelist_search_finds_title(admin_client):
    series = SeriesFactory(title="Key Migration Issues")
    SeriesFactory(title="Migration and Development")

    response = admin_client.get(CHANGELIST, {"q": "key migration"})

    assert result_list(response) == [series]


def test_series_changelist_bad_filter_redirects_to_error_page(admin_client):
    SeriesFactory()

    response = admin_client.get(CHANGELIST, {"featured__exact": "maybe"})

    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?e=1"


def test_series_change_saves_a_related_link_to_another_series(admin_client):
    series = SeriesFactory()
    target = SeriesFactory()

    response = post_related_link(admin_client, series, target_series=target.pk)

    assert response.status_code == 302
    assert list(RelatedLink.objects.values_list("series", "target_series", "url")) == [
        (series.pk, target.pk, "")
    ]


def test_series_change_refuses_related_link_with_both_targets(admin_client):
    series = SeriesFactory()
    target = SeriesFactory()

    response = post_related_link(
        admin_client, series, url="https://example.org/md", target_series=target.pk
    )

    assert response.status_code == 200
    assert inline_errors(response, "related_links") == [["target_series", "url"]]
    assert RelatedLink.objects.count() == 0


def test_series_change_refuses_related_link_with_no_target(admin_client):
    series = SeriesFactory(title="Old title")

    response = post_related_link(admin_client, series, url="", target_series="")

    assert response.status_code == 200
    assert inline_errors(response, "related_links") == [["target_series", "url"]]
    assert RelatedLink.objects.count() == 0


def test_series_change_refuses_milestone_ending_before_it_starts(admin_client):
    series = SeriesFactory()
    url = admin_url(series, "change")
    data = {**series_form_data(series), **management_data(admin_client.get(url))}
    data.update(
        {
            "milestones-TOTAL_FORMS": 1,
            "milestones-0-title_en": "High Level Dialogue",
            "milestones-0-start_date": "2006-09-15",
            "milestones-0-end_date": "2006-09-14",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert inline_errors(response, "milestones") == [["end_date"]]
    assert series.milestones.count() == 0


def test_series_add_refuses_a_second_featured_series(admin_client):
    SeriesFactory(featured=True)
    url = reverse("admin:series_series_add")
    data = {
        **series_form_data(SeriesFactory.build()),
        **management_data(admin_client.get(url)),
        "featured": "on",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["featured"]
    assert Series.objects.count() == 1


def test_series_change_with_bad_inline_saves_nothing_of_the_series(admin_client):
    series = SeriesFactory(title="Old title")
    url = admin_url(series, "change")
    data = {**series_form_data(series), **management_data(admin_client.get(url))}
    data.update(
        {
            "title_en": "New title",
            "related_links-TOTAL_FORMS": 1,
            "related_links-0-title_en": "Nowhere",
            "related_links-0-order": 0,
        }
    )

    response = admin_client.post(url, data)

    series.refresh_from_db()
    assert response.status_code == 200
    assert series.title == "Old title"


def test_series_publish_action_publishes_and_reports_count(admin_client):
    drafts = SeriesFactory.create_batch(2, status=Status.DRAFT)
    WorkshopFactory(series=drafts[0])

    response = admin_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [s.pk for s in drafts]},
        follow=True,
    )

    assert set(Series.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert messages_of(response) == ["2 series were published."]


def test_series_unpublish_action_makes_a_draft_and_reports_count(admin_client):
    published = SeriesFactory(status=Status.PUBLISHED)
    SeriesFactory(status=Status.DRAFT)

    response = admin_client.post(
        CHANGELIST,
        {"action": "unpublish", "_selected_action": [s.pk for s in Series.objects.all()]},
        follow=True,
    )

    published.refresh_from_db()
    assert published.status == Status.DRAFT
    assert messages_of(response) == ["1 series was unpublished and is now a draft."]


def test_series_publish_action_reports_nothing_changed(admin_client):
    series = SeriesFactory(status=Status.PUBLISHED)

    response = admin_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [series.pk]}, follow=True
    )

    assert messages_of(response) == ["0 series were published."]


def test_series_with_workshops_cannot_be_deleted(admin_client):
    series = SeriesFactory()
    workshop = WorkshopFactory(series=series)

    response = admin_client.post(admin_url(series, "delete"), {"post": "yes"})

    assert response.status_code == 200
    assert response.context["protected"] == [
        f'Workshop: <a href="{admin_url(workshop, "change")}">{workshop}</a>'
    ]
    assert Series.objects.count() == 1


def test_series_view_on_site_previews_a_draft_for_staff(admin_client):
    series = SeriesFactory(status=Status.DRAFT)
    change_page = admin_client.get(admin_url(series, "change"))

    response = admin_client.get(change_page.context["absolute_url"], follow=True)

    assert response.status_code == 200
    assert response.context["series"] == series


def test_series_draft_is_not_found_for_anonymous_visitors(client):
    series = SeriesFactory(status=Status.DRAFT)

    response = client.get(series.get_absolute_url())

    assert response.status_code == 404
