import datetime
import zoneinfo
from datetime import date

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from publishing.enums import Status
from tests.factories import SeriesFactory, WorkshopFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

KMI = "key-migration-issues"


def series_ics_url(series=KMI):
    return reverse("calendars:series", kwargs={"series_slug": series})


def event_ics_url(slug, series=KMI):
    return reverse("calendars:workshop", kwargs={"series_slug": series, "slug": slug})


def parse(response):
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def test_series_calendar_has_the_seven_workshops_as_all_day_events(client, key_migration_issues):
    response = client.get(series_ics_url())

    calendar = parse(response)
    days = [(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in events(calendar)]
    assert days == [
        ("International Trafficking in Human Beings", date(2005, 10, 18), date(2005, 10, 19)),
        ("Labour Migration", date(2006, 3, 15), date(2006, 3, 16)),
        ("Contributions of Diasporas", date(2006, 5, 11), date(2006, 5, 12)),
        ("HIV, AIDS and Migration", date(2006, 5, 26), date(2006, 5, 27)),
        ("Regional Consultative Processes", date(2006, 6, 20), date(2006, 6, 21)),
        ("Migration and Human Rights", date(2006, 6, 27), date(2006, 6, 28)),
        ("Irregular Migration", date(2006, 8, 30), date(2006, 8, 31)),
    ]


def test_series_calendar_writes_dates_as_value_date(client, key_migration_issues):
    response = client.get(series_ics_url())

    text = response.content.decode()
    assert "DTSTART;VALUE=DATE:20051018\r\n" in text
    assert "DTEND;VALUE=DATE:20051019\r\n" in text
    assert "BEGIN:VTIMEZONE" not in text  # all-day events need none


def test_series_calendar_is_text_calendar_with_a_filename(client, key_migration_issues):
    response = client.get(series_ics_url())

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="key-migration-issues.ics"'


def test_series_calendar_has_name_refresh_interval_and_product(client, key_migration_issues):
    calendar = parse(client.get(series_ics_url()))

    assert str(calendar["X-WR-CALNAME"]) == "Key Migration Issues Workshop Series"
    assert str(calendar["NAME"]) == "Key Migration Issues Workshop Series"
    assert calendar.decoded("REFRESH-INTERVAL") == datetime.timedelta(days=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"P1D"
    assert str(calendar["VERSION"]) == "2.0"


def test_series_calendar_events_carry_url_partners_and_uid(client, key_migration_issues):
    calendar = parse(client.get(series_ics_url()))

    first = events(calendar)[0]
    assert str(first["URL"]) == (
        "http://testserver/series/key-migration-issues/workshops/"
        "international-trafficking-in-human-beings/"
    )
    assert str(first["DESCRIPTION"]).splitlines()[:2] == [
        "Workshop 1 of the Key Migration Issues Workshop Series.",
        "Organized with United Nations University (UNU) and "
        "United Nations Office on Drugs and Crime (UNODC).",
    ]
    uids = [str(e["UID"]) for e in events(calendar)]
    assert len(set(uids)) == 7
    assert "LOCATION" not in first  # the report names no venue


def test_uid_is_stable_across_downloads_and_edits_while_sequence_grows(
    client, key_migration_issues, monkeypatch
):
    url = event_ics_url("labour-migration")
    before = events(parse(client.get(url)))[0]
    workshop = Workshop.objects.get(slug="labour-migration")
    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    workshop.title = "Labour Migration: Rights and Recruitment"
    workshop.slug = "labour-migration-rights"
    workshop.save()

    after = events(parse(client.get(event_ics_url("labour-migration-rights"))))[0]
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("LAST-MODIFIED") == later.replace(microsecond=0)
    assert str(after["SUMMARY"]) == "Labour Migration: Rights and Recruitment"


def test_same_download_twice_is_identical(client, key_migration_issues):
    first = client.get(series_ics_url()).content
    second = client.get(series_ics_url()).content

    assert first == second


def test_timed_workshop_carries_its_venue_time_zone(client):
    workshop = WorkshopFactory(
        start_date=datetime.date(2026, 3, 10),
        start_time=datetime.time(13, 15),
        end_time=datetime.time(14, 30),
        time_zone="Europe/Zurich",
        venue="Palais des Nations, Room XII",
    )

    response = client.get(event_ics_url(workshop.slug, workshop.series.slug))

    calendar = parse(response)
    event = events(calendar)[0]
    zurich = zoneinfo.ZoneInfo("Europe/Zurich")
    assert event.decoded("DTSTART") == datetime.datetime(2026, 3, 10, 13, 15, tzinfo=zurich)
    assert event.decoded("DTEND") == datetime.datetime(2026, 3, 10, 14, 30, tzinfo=zurich)
    assert event["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    assert str(event["LOCATION"]) == "Palais des Nations, Room XII"


def test_several_day_workshop_ends_the_day_after_its_last_day(client):
    workshop = WorkshopFactory(
        start_date=datetime.date(2006, 8, 30), end_date=datetime.date(2006, 9, 2)
    )

    event = events(parse(client.get(event_ics_url(workshop.slug, workshop.series.slug))))[0]

    assert event.decoded("DTSTART") == datetime.date(2006, 8, 30)
    assert event.decoded("DTEND") == datetime.date(2006, 9, 3)


def test_event_ics_has_one_event_and_its_own_filename(client, key_migration_issues):
    response = client.get(event_ics_url("irregular-migration"))

    calendar = parse(response)
    assert [str(e["SUMMARY"]) for e in events(calendar)] == ["Irregular Migration"]
    assert response["Content-Disposition"] == (
        'attachment; filename="key-migration-issues-irregular-migration.ics"'
    )
    assert "United Nations High Commissioner for Refugees (UNHCR)" in str(
        events(calendar)[0]["DESCRIPTION"]
    )


def test_calendars_leave_out_draft_workshops_even_for_staff(staff_client):
    series = SeriesFactory()
    WorkshopFactory(series=series, title="Public")
    draft = WorkshopFactory(series=series, title="Secret", status=Status.DRAFT)

    calendar = parse(staff_client.get(series_ics_url(series.slug)))
    draft_event = staff_client.get(event_ics_url(draft.slug, series.slug))

    assert [str(e["SUMMARY"]) for e in events(calendar)] == ["Public"]
    assert draft_event.status_code == 404


def test_draft_series_has_no_calendar(client):
    series = SeriesFactory(status=Status.DRAFT)
    workshop = WorkshopFactory(series=series)

    assert client.get(series_ics_url(series.slug)).status_code == 404
    assert client.get(event_ics_url(workshop.slug, series.slug)).status_code == 404


def test_unknown_series_calendar_is_404(client, key_migration_issues):
    response = client.get(series_ics_url("no-such-series"))

    assert response.status_code == 404


def test_calendar_text_is_escaped_by_the_library(client):
    workshop = WorkshopFactory(title="Borders, rights; duties", summary="One.\n\nTwo.")

    response = client.get(event_ics_url(workshop.slug, workshop.series.slug))

    text = response.content.decode()
    assert "SUMMARY;LANGUAGE=en:Borders\\, rights\\; duties\r\n" in text
    event = events(parse(response))[0]
    assert str(event["SUMMARY"]) == "Borders, rights; duties"
    assert str(event["DESCRIPTION"]).endswith("\n\nOne.\nTwo.")


def test_calendars_answer_head_requests(client, key_migration_issues):
    series = client.head(series_ics_url())
    event = client.head(event_ics_url("labour-migration"))

    assert (series.status_code, event.status_code) == (200, 200)
    assert series["Content-Type"] == "text/calendar; charset=utf-8"


def test_calendars_refuse_post(client, key_migration_issues):
    response = client.post(series_ics_url())

    assert response.status_code == 405


def test_schedule_links_to_subscribe_and_download(client, key_migration_issues):
    html = client.get(reverse("series:schedule", args=[KMI])).content.decode()

    assert 'href="webcal://testserver/series/key-migration-issues/calendar.ics"' in html
    assert "Subscribe to the series calendar</a>" in html
    assert (
        '<a href="/series/key-migration-issues/calendar.ics" type="text/calendar">'
        "Add all its workshops to a calendar (.ics)</a>"
    ) in html
    assert "Add to calendar" not in html


def test_workshop_page_links_to_add_to_calendar_and_subscribe(client, key_migration_issues):
    response = client.get(
        reverse("workshops:detail", kwargs={"series_slug": KMI, "slug": "labour-migration"})
    )

    html = response.content.decode()
    assert (
        '<a class="button" href="/series/key-migration-issues/workshops/labour-migration/'
        'event.ics" type="text/calendar">'
    ) in html
    assert "Add to calendar</a>" in html
    assert 'href="webcal://testserver/series/key-migration-issues/calendar.ics"' in html


def test_subscribe_link_follows_the_request_scheme_and_host(client, key_migration_issues):
    response = client.get(
        reverse("series:schedule", args=[KMI]), HTTP_HOST="localhost", secure=True
    )

    assert 'href="webcal://localhost/series/key-migration-issues/calendar.ics"' in (
        response.content.decode()
    )


def test_draft_preview_has_no_calendar_links(staff_client):
    series = SeriesFactory(status=Status.DRAFT)
    workshop = WorkshopFactory(series=series)

    html = staff_client.get(workshop.get_absolute_url()).content.decode()

    assert "Draft preview." in html
    assert "event.ics" not in html
    assert "webcal://" not in html
