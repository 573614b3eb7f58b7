import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from publishing.enums import Status
from tests.factories import (
    DocumentFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    SeriesFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)
from workshops.enums import ParticipationRole
from workshops.models import Document, Participation, Workshop, WorkshopPartner

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2006, 6, 1)


def test_workshop_str_is_number_and_title():
    workshop = WorkshopFactory.build(number=2, title="Labour Migration")

    assert str(workshop) == "2. Labour Migration"


def test_workshop_absolute_url():
    workshop = WorkshopFactory.build(
        series=SeriesFactory.build(slug="key-migration-issues"), slug="labour-migration"
    )

    assert workshop.get_absolute_url() == "/series/key-migration-issues/workshops/labour-migration/"


def test_workshop_natural_key_round_trip():
    workshop = WorkshopFactory(series__slug="key-migration-issues", slug="labour-migration")

    found = Workshop.objects.get_by_natural_key(*workshop.natural_key())

    assert (workshop.natural_key(), found) == (
        ("key-migration-issues", "labour-migration"),
        workshop,
    )


def test_workshop_published_needs_its_series_published():
    published_series = SeriesFactory(status=Status.PUBLISHED)
    draft_series = SeriesFactory(status=Status.DRAFT)
    public = WorkshopFactory(series=published_series, status=Status.PUBLISHED)
    WorkshopFactory(series=published_series, status=Status.DRAFT)
    WorkshopFactory(series=draft_series, status=Status.PUBLISHED)

    assert list(Workshop.objects.published()) == [public]


def test_workshop_is_published_needs_its_series_published():
    in_draft_series = WorkshopFactory.build(
        series=SeriesFactory.build(status=Status.DRAFT), status=Status.PUBLISHED
    )
    in_published_series = WorkshopFactory.build(
        series=SeriesFactory.build(status=Status.PUBLISHED), status=Status.PUBLISHED
    )

    assert (in_draft_series.is_published, in_published_series.is_published) == (False, True)


def test_workshop_visible_to_anonymous_is_published_only():
    series = SeriesFactory(status=Status.PUBLISHED)
    public = WorkshopFactory(series=series, number=1, status=Status.PUBLISHED)
    WorkshopFactory(series=series, number=2, status=Status.DRAFT)

    assert list(Workshop.objects.visible_to(AnonymousUser())) == [public]


def test_workshop_visible_to_staff_includes_drafts(admin_user):
    series = SeriesFactory(status=Status.DRAFT)
    first = WorkshopFactory(series=series, number=1, status=Status.PUBLISHED)
    second = WorkshopFactory(series=series, number=2, status=Status.DRAFT)

    assert list(Workshop.objects.visible_to(admin_user)) == [first, second]


def test_workshop_upcoming_includes_today_and_sorts_soonest_first():
    series = SeriesFactory()
    later = WorkshopFactory(series=series, number=3, start_date=datetime.date(2006, 6, 20))
    today = WorkshopFactory(series=series, number=2, start_date=TODAY)
    WorkshopFactory(series=series, number=1, start_date=datetime.date(2006, 5, 26))

    assert list(Workshop.objects.upcoming(TODAY)) == [today, later]


def test_workshop_past_sorts_latest_first():
    series = SeriesFactory()
    earlier = WorkshopFactory(series=series, number=1, start_date=datetime.date(2006, 5, 11))
    latest = WorkshopFactory(series=series, number=2, start_date=datetime.date(2006, 5, 26))
    WorkshopFactory(series=series, number=3, start_date=TODAY)

    assert list(Workshop.objects.past(TODAY)) == [latest, earlier]


def test_workshop_of_several_days_is_upcoming_until_its_last_day():
    workshop = WorkshopFactory(
        start_date=datetime.date(2006, 5, 31), end_date=datetime.date(2006, 6, 1)
    )

    assert (list(Workshop.objects.upcoming(TODAY)), list(Workshop.objects.past(TODAY))) == (
        [workshop],
        [],
    )


def test_workshop_last_day_is_end_date_or_start_date():
    one_day = WorkshopFactory.build(start_date=datetime.date(2006, 9, 14), end_date=None)
    two_days = WorkshopFactory.build(
        start_date=datetime.date(2006, 9, 14), end_date=datetime.date(2006, 9, 15)
    )

    assert (one_day.last_day, two_days.last_day) == (
        datetime.date(2006, 9, 14),
        datetime.date(2006, 9, 15),
    )


def test_workshop_duplicate_number_refused_by_database():
    workshop = WorkshopFactory(number=2)

    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopFactory(series=workshop.series, number=2)


def test_workshop_duplicate_number_refused_by_full_clean():
    workshop = WorkshopFactory(number=2)
    duplicate = WorkshopFactory.build(series=workshop.series, number=2)

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.message_dict == {
        "number": ["This series already has a workshop with this number."]
    }


def test_workshop_same_number_in_another_series_passes_full_clean():
    WorkshopFactory(number=2)
    workshop = WorkshopFactory.build(series=SeriesFactory(), number=2)

    workshop.full_clean()


def test_workshop_duplicate_slug_refused_by_database():
    workshop = WorkshopFactory(slug="labour-migration")

    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopFactory(series=workshop.series, slug="labour-migration")


def test_workshop_duplicate_slug_refused_by_full_clean():
    workshop = WorkshopFactory(slug="labour-migration")
    duplicate = WorkshopFactory.build(series=workshop.series, slug="labour-migration")

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.message_dict == {
        "slug": ["This series already has a workshop with this slug."]
    }


def test_workshop_ending_before_start_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopFactory(start_date=datetime.date(2006, 9, 15), end_date=datetime.date(2006, 9, 14))


def test_workshop_ending_before_start_refused_by_full_clean():
    workshop = WorkshopFactory.build(
        series=SeriesFactory(),
        start_date=datetime.date(2006, 9, 15),
        end_date=datetime.date(2006, 9, 14),
    )

    with pytest.raises(ValidationError) as excinfo:
        workshop.full_clean()

    assert excinfo.value.message_dict == {"end_date": ["The end date cannot be before the date."]}


def test_workshop_end_time_without_start_time_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopFactory(start_time=None, end_time=datetime.time(13))


def test_workshop_end_time_without_start_time_refused_by_full_clean():
    workshop = WorkshopFactory.build(
        series=SeriesFactory(), start_time=None, end_time=datetime.time(13)
    )

    with pytest.raises(ValidationError) as excinfo:
        workshop.full_clean()

    assert excinfo.value.message_dict == {"end_time": ["Give a start time as well as an end time."]}


def test_workshop_of_one_day_ending_before_its_start_time_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopFactory(end_date=None, start_time=datetime.time(15), end_time=datetime.time(13))


def test_workshop_of_one_day_ending_before_its_start_time_refused_by_full_clean():
    workshop = WorkshopFactory.build(
        series=SeriesFactory(),
        end_date=None,
        start_time=datetime.time(15),
        end_time=datetime.time(13),
    )

    with pytest.raises(ValidationError) as excinfo:
        workshop.full_clean()

    assert excinfo.value.message_dict == {
        "end_time": ["On a one-day workshop the end time cannot be before the start time."]
    }


def test_workshop_of_two_days_may_end_at_an_earlier_hour():
    workshop = WorkshopFactory.build(
        series=SeriesFactory(),
        start_date=datetime.date(2006, 9, 14),
        end_date=datetime.date(2006, 9, 15),
        start_time=datetime.time(15),
        end_time=datetime.time(13),
    )

    workshop.full_clean()


def test_workshop_bad_time_zone_refused_by_full_clean():
    workshop = WorkshopFactory.build(series=SeriesFactory(), time_zone="America/Manhattan")

    with pytest.raises(ValidationError) as excinfo:
        workshop.full_clean()

    assert excinfo.value.message_dict == {
        "time_zone": [
            "“America/Manhattan” is not a time zone name such as America/New_York or Europe/Geneva."
        ]
    }


def test_workshop_default_time_zone_is_new_york():
    workshop = Workshop()

    assert workshop.time_zone == "America/New_York"


def test_workshop_partner_str_is_role_and_short_name():
    partner = WorkshopPartnerFactory.build(
        workshop=WorkshopFactory.build(), organization=OrganizationFactory.build(acronym="UNHCR")
    )

    assert str(partner) == "organized with UNHCR"


def test_workshop_partner_natural_key_round_trip():
    partner = WorkshopPartnerFactory(
        workshop__series__slug="key-migration-issues",
        workshop__slug="irregular-migration",
        organization__slug="unhcr",
    )

    found = WorkshopPartner.objects.get_by_natural_key(*partner.natural_key())

    assert (partner.natural_key(), found) == (
        ("key-migration-issues", "irregular-migration", "unhcr"),
        partner,
    )


def test_workshop_partner_duplicate_refused_by_database():
    partner = WorkshopPartnerFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        WorkshopPartnerFactory(workshop=partner.workshop, organization=partner.organization)


def test_workshop_partner_duplicate_refused_by_full_clean():
    partner = WorkshopPartnerFactory()
    duplicate = WorkshopPartnerFactory.build(
        workshop=partner.workshop, organization=partner.organization
    )

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.message_dict == {
        "organization": ["This organization is already a partner of this workshop."]
    }


def test_participation_str_is_name_and_role():
    participation = ParticipationFactory.build(
        workshop=WorkshopFactory.build(),
        person=PersonFactory.build(name="Sarah Rosengärtner"),
        role=ParticipationRole.MODERATOR,
    )

    assert str(participation) == "Sarah Rosengärtner (Moderator)"


def test_participation_natural_key_round_trip():
    participation = ParticipationFactory(
        workshop__series__slug="key-migration-issues",
        workshop__slug="labour-migration",
        person__slug="sarah-rosengartner",
        role=ParticipationRole.MODERATOR,
    )

    found = Participation.objects.get_by_natural_key(*participation.natural_key())

    assert (participation.natural_key(), found) == (
        ("key-migration-issues", "labour-migration", "sarah-rosengartner", "moderator"),
        participation,
    )


def test_participation_same_person_in_two_roles_passes_full_clean():
    moderator = ParticipationFactory(role=ParticipationRole.MODERATOR)
    speaker = ParticipationFactory.build(
        workshop=moderator.workshop, person=moderator.person, role=ParticipationRole.SPEAKER
    )

    speaker.full_clean()


def test_participation_duplicate_role_refused_by_database():
    participation = ParticipationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFactory(
            workshop=participation.workshop,
            person=participation.person,
            role=participation.role,
        )


def test_participation_duplicate_role_refused_by_full_clean():
    participation = ParticipationFactory()
    duplicate = ParticipationFactory.build(
        workshop=participation.workshop, person=participation.person, role=participation.role
    )

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.message_dict == {
        "person": ["This person already has this role in this workshop."]
    }


def test_document_str_is_title():
    document = DocumentFactory.build(title="Agenda")

    assert str(document) == "Agenda"


def test_document_href_is_url_or_download_view():
    linked = DocumentFactory.build(url="https://example.org/agenda.pdf")
    uploaded = DocumentFactory(
        url="",
        file="documents/2006/agenda.pdf",
        workshop__series__slug="kmi",
        workshop__slug="labour",
    )

    assert (linked.href, uploaded.href) == (
        "https://example.org/agenda.pdf",
        f"/series/kmi/workshops/labour/documents/{uploaded.pk}/",
    )


def test_document_natural_key_round_trip():
    document = DocumentFactory(
        workshop__series__slug="key-migration-issues",
        workshop__slug="labour-migration",
        title="Agenda",
        language="en",
    )

    found = Document.objects.get_by_natural_key(*document.natural_key())

    assert (document.natural_key(), found) == (
        ("key-migration-issues", "labour-migration", "Agenda", "en"),
        document,
    )


def test_document_with_file_and_url_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(file="documents/2006/agenda.pdf", url="https://example.org/agenda.pdf")


def test_document_with_neither_file_nor_url_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(file="", url="")


def test_document_with_file_and_url_refused_by_full_clean():
    document = DocumentFactory.build(
        workshop=WorkshopFactory(),
        file="documents/2006/agenda.pdf",
        url="https://example.org/agenda.pdf",
    )

    with pytest.raises(ValidationError) as excinfo:
        document.full_clean()

    message = "Upload a file or give a web address, not both."
    assert excinfo.value.message_dict == {"file": [message], "url": [message]}


def test_document_with_neither_file_nor_url_refused_by_full_clean():
    document = DocumentFactory.build(workshop=WorkshopFactory(), file="", url="")

    with pytest.raises(ValidationError) as excinfo:
        document.full_clean()

    message = "Upload a file or give a web address."
    assert excinfo.value.message_dict == {"file": [message], "url": [message]}


def test_document_constraint_error_lands_on_url():
    # clean() names both fields; without it the database constraint's error goes on url.
    document = DocumentFactory.build(workshop=WorkshopFactory(), file="", url="")

    with pytest.raises(ValidationError) as excinfo:
        document.validate_constraints()

    assert excinfo.value.message_dict == {"url": ["Upload a file or give a web address, not both."]}


def test_document_file_of_another_kind_refused_by_full_clean():
    upload = SimpleUploadedFile("a.exe", b"MZ\x90\x00")
    document = DocumentFactory.build(workshop=WorkshopFactory(), url="", file=upload)

    with pytest.raises(ValidationError) as excinfo:
        document.full_clean()

    assert excinfo.value.message_dict == {
        "file": [
            "Files ending in “.exe” cannot be uploaded. Allowed: PDF, Word (.docx), "
            "Excel (.xlsx), PowerPoint (.pptx), OpenDocument text (.odt), plain text (.txt)."
        ]
    }


def test_document_duplicate_title_and_language_refused_by_database():
    document = DocumentFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(workshop=document.workshop, title=document.title)


def test_document_duplicate_title_and_language_refused_by_full_clean():
    document = DocumentFactory()
    duplicate = DocumentFactory.build(workshop=document.workshop, title=document.title)

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.message_dict == {
        "title": ["This workshop already has a document with this title in this language."]
    }
