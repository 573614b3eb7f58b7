import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from publishing.enums import Status
from tests.factories import (
    DocumentFactory,
    OrganizationFactory,
    ParticipationFactory,
    SeriesFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)
from workshops.enums import WorkshopFormat
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:workshops_workshop_changelist")
ADD = reverse("admin:workshops_workshop_add")


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


def workshop_form_data(series, **fields):
    return {
        "series": series.pk,
        "number": 1,
        # The admin edits each translated field per language: English here.
        "title_en": "Migration and Development",
        "slug": "migration-and-development",
        "format": WorkshopFormat.WORKSHOP,
        "status": Status.DRAFT,
        "start_date": "2006-03-15",
        "end_date": "",
        "start_time": "",
        "end_time": "",
        "time_zone": "America/New_York",
        "venue": "UN Headquarters",
        "summary_en": "",
        **fields,
    }


def result_list(response):
    return list(response.context["cl"].result_list)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_workshop_change_page_shows_its_inlines(admin_client):
    workshop = WorkshopFactory()
    WorkshopPartnerFactory(workshop=workshop)
    ParticipationFactory(workshop=workshop)
    DocumentFactory(workshop=workshop)

    response = admin_client.get(admin_url(workshop, "change"))

    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    counts = [
        inline.formset.initial_form_count() for inline in response.context["inline_admin_formsets"]
    ]
    assert prefixes == ["partner_roles", "participations", "documents"]
    assert counts == [1, 1, 1]


def test_workshop_changelist_search_finds_partner_names(admin_client):
    workshop = WorkshopFactory()
    WorkshopFactory()
    WorkshopPartnerFactory(workshop=workshop, organization=OrganizationFactory(name="UNFPA"))

    response = admin_client.get(CHANGELIST, {"q": "unfpa"})

    assert result_list(response) == [workshop]


def test_workshop_changelist_filters_by_status(admin_client):
    draft = WorkshopFactory(status=Status.DRAFT)
    WorkshopFactory(status=Status.PUBLISHED)

    response = admin_client.get(CHANGELIST, {"status__exact": Status.DRAFT})

    assert result_list(response) == [draft]


def test_workshop_changelist_filters_by_year(admin_client):
    series = SeriesFactory()
    in_2006 = WorkshopFactory(series=series, start_date=datetime.date(2006, 3, 15))
    WorkshopFactory(series=series, start_date=datetime.date(2005, 10, 18))

    response = admin_client.get(CHANGELIST, {"year": "2006"})

    assert result_list(response) == [in_2006]


def test_workshop_changelist_offers_the_years_that_have_workshops(admin_client):
    WorkshopFactory(start_date=datetime.date(2006, 3, 15))
    WorkshopFactory(start_date=datetime.date(2005, 10, 18))

    response = admin_client.get(CHANGELIST)

    year_filter = next(
        f for f in response.context["cl"].filter_specs if getattr(f, "parameter_name", "") == "year"
    )
    assert year_filter.lookup_choices == [("2006", "2006"), ("2005", "2005")]


def test_workshop_changelist_filters_by_series_and_format(admin_client):
    series = SeriesFactory()
    briefing = WorkshopFactory(series=series, format=WorkshopFormat.BRIEFING)
    WorkshopFactory(series=series, format=WorkshopFormat.WORKSHOP)
    WorkshopFactory(format=WorkshopFormat.BRIEFING)

    response = admin_client.get(
        CHANGELIST, {"series__id__exact": series.pk, "format__exact": WorkshopFormat.BRIEFING}
    )

    assert result_list(response) == [briefing]


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "99999"},
        {"year": "-1"},
        {"start_date__year": "abc"},
        {"series__id__exact": "x"},
        {"no_such_field": "1"},
    ],
)
def test_workshop_changelist_bad_filter_redirects_to_error_page(admin_client, query):
    # Two series, or the admin hides the series filter and ignores its parameter.
    WorkshopFactory.create_batch(2)

    response = admin_client.get(CHANGELIST, query)

    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?e=1"


def test_workshop_changelist_shows_series_number_and_status(admin_client):
    series = SeriesFactory(title="Key Migration Issues", status=Status.DRAFT)
    WorkshopFactory(series=series, number=3, title="Remittances", status=Status.PUBLISHED)

    response = admin_client.get(CHANGELIST)

    content = response.content.decode()
    assert "Key Migration Issues Workshop Series" in content
    assert ">3</a>" in content
    assert "Hidden: its series is a draft." in content


@pytest.mark.parametrize("size", [1, 6])
def test_workshop_changelist_query_count_does_not_grow_with_rows(admin_client, size):
    series = SeriesFactory()
    WorkshopFactory(series=series)
    with CaptureQueriesContext(connection) as baseline:
        admin_client.get(CHANGELIST)
    WorkshopFactory.create_batch(size, series=SeriesFactory())

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST)

    assert len(result_list(response)) == size + 1
    assert len(queries) == len(baseline)


def test_workshop_add_saves_a_valid_workshop(admin_client):
    series = SeriesFactory()
    data = {**workshop_form_data(series), **management_data(admin_client.get(ADD))}

    response = admin_client.post(ADD, data)

    assert response.status_code == 302
    assert list(Workshop.objects.values_list("series", "number", "slug")) == [
        (series.pk, 1, "migration-and-development")
    ]


def test_workshop_add_refuses_end_date_before_start(admin_client):
    series = SeriesFactory()
    data = {
        **workshop_form_data(series, start_date="2006-03-15", end_date="2006-03-14"),
        **management_data(admin_client.get(ADD)),
    }

    response = admin_client.post(ADD, data)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["end_date"]
    assert Workshop.objects.count() == 0


def test_workshop_add_refuses_duplicate_number_in_series(admin_client):
    existing = WorkshopFactory(number=4)
    data = {
        **workshop_form_data(existing.series, number=4, slug="another-slug"),
        **management_data(admin_client.get(ADD)),
    }

    response = admin_client.post(ADD, data)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["number"]
    assert Workshop.objects.count() == 1


def test_workshop_add_refuses_duplicate_slug_in_series(admin_client):
    existing = WorkshopFactory(number=4, slug="remittances")
    data = {
        **workshop_form_data(existing.series, number=5, slug="remittances"),
        **management_data(admin_client.get(ADD)),
    }

    response = admin_client.post(ADD, data)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["slug"]
    assert Workshop.objects.count() == 1


def test_workshop_add_allows_same_number_and_slug_in_another_series(admin_client):
    WorkshopFactory(number=4, slug="remittances")
    other_series = SeriesFactory()
    data = {
        **workshop_form_data(other_series, number=4, slug="remittances"),
        **management_data(admin_client.get(ADD)),
    }

    response = admin_client.post(ADD, data)

    assert response.status_code == 302
    assert Workshop.objects.count() == 2


def test_workshop_publish_action_publishes_drafts_and_reports_count(admin_client):
    series = SeriesFactory()
    drafts = WorkshopFactory.create_batch(2, series=series, status=Status.DRAFT)
    already = WorkshopFactory(series=series, status=Status.PUBLISHED)
    selected = [w.pk for w in [*drafts, already]]

    response = admin_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": selected}, follow=True
    )

    statuses = set(Workshop.objects.values_list("status", flat=True))
    assert statuses == {Status.PUBLISHED}
    assert messages_of(response) == ["2 workshops were published."]


def test_workshop_publish_action_warns_when_series_is_a_draft(admin_client):
    workshop = WorkshopFactory(series=SeriesFactory(status=Status.DRAFT), status=Status.DRAFT)

    response = admin_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [workshop.pk]}, follow=True
    )

    assert messages_of(response) == [
        "1 workshop was published.",
        "1 of them stays hidden until its series is published.",
    ]


def test_workshop_unpublish_action_makes_drafts_and_reports_count(admin_client):
    workshop = WorkshopFactory(status=Status.PUBLISHED)
    before = workshop.updated_at

    response = admin_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [workshop.pk]}, follow=True
    )

    workshop.refresh_from_db()
    assert workshop.status == Status.DRAFT
    assert workshop.updated_at > before
    assert messages_of(response) == ["1 workshop was unpublished and is now a draft."]


def test_workshop_view_on_site_previews_a_draft_for_staff(admin_client):
    workshop = WorkshopFactory(status=Status.DRAFT)
    change_page = admin_client.get(admin_url(workshop, "change"))

    response = admin_client.get(change_page.context["absolute_url"], follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(f"http://testserver{workshop.get_absolute_url()}", 302)]
    assert response.context["workshop"] == workshop


def test_workshop_draft_is_not_found_for_anonymous_visitors(client):
    workshop = WorkshopFactory(status=Status.DRAFT)

    response = client.get(workshop.get_absolute_url())

    assert response.status_code == 404


def test_workshop_admin_is_closed_to_anonymous_visitors(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_workshop_autocomplete_for_partner_organization_finds_by_acronym(admin_client):
    unitar = OrganizationFactory(name="United Nations Institute", acronym="UNITAR")
    OrganizationFactory(name="Other", acronym="IOM")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "workshops",
            "model_name": "workshoppartner",
            "field_name": "organization",
            "term": "unitar",
        },
    )

    assert [result["id"] for result in response.json()["results"]] == [str(unitar.pk)]
