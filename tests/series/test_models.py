import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from publishing.enums import Status
from series.models import Milestone, RelatedLink, Series, SeriesOrganizer
from tests.factories import (
    MilestoneFactory,
    OrganizationFactory,
    RelatedLinkFactory,
    SeriesFactory,
    SeriesOrganizerFactory,
)

pytestmark = pytest.mark.django_db


def test_series_str_is_title_and_label():
    series = SeriesFactory.build(title="Key Migration Issues", label="Workshop Series")

    assert str(series) == "Key Migration Issues Workshop Series"


def test_series_str_without_label_is_title():
    series = SeriesFactory.build(title="Migration and Development", label="")

    assert str(series) == "Migration and Development"


def test_series_absolute_url():
    series = SeriesFactory.build(slug="key-migration-issues")

    assert series.get_absolute_url() == "/series/key-migration-issues/"


def test_series_natural_key_round_trip():
    series = SeriesFactory(slug="key-migration-issues")

    found = Series.objects.get_by_natural_key(*series.natural_key())

    assert (series.natural_key(), found) == (("key-migration-issues",), series)


def test_series_published_leaves_out_drafts():
    published = SeriesFactory(status=Status.PUBLISHED)
    SeriesFactory(status=Status.DRAFT)

    assert list(Series.objects.published()) == [published]


def test_series_visible_to_anonymous_is_published_only():
    published = SeriesFactory(status=Status.PUBLISHED)
    SeriesFactory(status=Status.DRAFT)

    assert list(Series.objects.visible_to(AnonymousUser())) == [published]


def test_series_visible_to_staff_includes_drafts(admin_user):
    published = SeriesFactory(title="A", status=Status.PUBLISHED)
    draft = SeriesFactory(title="B", status=Status.DRAFT)

    assert list(Series.objects.visible_to(admin_user)) == [published, draft]


def test_series_second_featured_refused_by_database():
    SeriesFactory(featured=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        SeriesFactory(featured=True)


def test_series_second_featured_refused_by_full_clean():
    SeriesFactory(featured=True)
    series = SeriesFactory.build(featured=True)

    with pytest.raises(ValidationError) as excinfo:
        series.full_clean()

    assert excinfo.value.message_dict == {
        "featured": ["Another series is already featured on the home page."]
    }


def test_series_featured_one_passes_its_own_full_clean():
    series = SeriesFactory(featured=True)
    SeriesFactory(featured=False)

    series.full_clean()


def test_series_duplicate_slug_refused_by_database():
    SeriesFactory(slug="key-migration-issues")

    with pytest.raises(IntegrityError), transaction.atomic():
        SeriesFactory(slug="key-migration-issues")


def test_series_duplicate_slug_refused_by_full_clean():
    SeriesFactory(slug="key-migration-issues")
    series = SeriesFactory.build(slug="key-migration-issues")

    with pytest.raises(ValidationError) as excinfo:
        series.full_clean()

    assert excinfo.value.message_dict == {"slug": ["Series with this Slug already exists."]}


def test_series_organizer_str():
    organizer = SeriesOrganizerFactory.build(
        series=SeriesFactory.build(title="Key Migration Issues"),
        organization=OrganizationFactory.build(acronym="UNITAR"),
    )

    assert str(organizer) == "UNITAR — Key Migration Issues"


def test_series_organizer_natural_key_round_trip():
    organizer = SeriesOrganizerFactory(
        series__slug="key-migration-issues", organization__slug="unitar"
    )

    found = SeriesOrganizer.objects.get_by_natural_key(*organizer.natural_key())

    assert (organizer.natural_key(), found) == (("key-migration-issues", "unitar"), organizer)


def test_series_organizer_duplicate_refused_by_database():
    organizer = SeriesOrganizerFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        SeriesOrganizerFactory(series=organizer.series, organization=organizer.organization)


def test_series_organizer_duplicate_refused_by_full_clean():
    organizer = SeriesOrganizerFactory()
    duplicate = SeriesOrganizerFactory.build(
        series=organizer.series, organization=organizer.organization
    )

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.message_dict == {
        "organization": ["This organization already organizes this series."]
    }


def test_series_organizers_ordered_by_order():
    series = SeriesFactory()
    second = SeriesOrganizerFactory(series=series, order=2)
    first = SeriesOrganizerFactory(series=series, order=1)

    assert list(series.organizer_roles.all()) == [first, second]


def test_related_link_str_is_title():
    link = RelatedLinkFactory.build(title="Migration and Development Series")

    assert str(link) == "Migration and Development Series"


def test_related_link_natural_key_round_trip():
    link = RelatedLinkFactory(
        series__slug="key-migration-issues", title="Migration and Development Series"
    )

    found = RelatedLink.objects.get_by_natural_key(*link.natural_key())

    assert (link.natural_key(), found) == (
        ("key-migration-issues", "Migration and Development Series"),
        link,
    )


def test_related_link_to_a_series_passes_full_clean():
    link = RelatedLinkFactory.build(series=SeriesFactory(), url="", target_series=SeriesFactory())

    link.full_clean()


def test_related_link_with_both_targets_refused_by_database():
    series = SeriesFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedLinkFactory(series=series, url="https://example.org/", target_series=series)


def test_related_link_with_no_target_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedLinkFactory(url="", target_series=None)


def test_related_link_with_both_targets_refused_by_full_clean():
    series = SeriesFactory()
    link = RelatedLinkFactory.build(series=series, url="https://example.org/", target_series=series)

    with pytest.raises(ValidationError) as excinfo:
        link.full_clean()

    message = "Give either an external address or a series on this site, not both."
    assert excinfo.value.message_dict == {"url": [message], "target_series": [message]}


def test_related_link_with_no_target_refused_by_full_clean():
    link = RelatedLinkFactory.build(series=SeriesFactory(), url="", target_series=None)

    with pytest.raises(ValidationError) as excinfo:
        link.full_clean()

    message = "Give an external address or choose a series on this site."
    assert excinfo.value.message_dict == {"url": [message], "target_series": [message]}


def test_related_link_constraint_error_lands_on_url():
    # clean() names both fields; without it the database constraint's error goes on url.
    series = SeriesFactory()
    link = RelatedLinkFactory.build(series=series, url="https://example.org/", target_series=series)

    with pytest.raises(ValidationError) as excinfo:
        link.validate_constraints()

    assert excinfo.value.message_dict == {
        "url": ["Give either an external address or a series on this site, not both."]
    }


def test_related_link_duplicate_title_refused_by_database():
    link = RelatedLinkFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedLinkFactory(series=link.series, title=link.title)


def test_related_link_duplicate_title_refused_by_full_clean():
    link = RelatedLinkFactory()
    duplicate = RelatedLinkFactory.build(series=link.series, title=link.title)

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.message_dict == {
        "title": ["This series already has a link with this title."]
    }


def test_milestone_str_is_title():
    milestone = MilestoneFactory.build(
        title="High Level Dialogue on International Migration and Development"
    )

    assert str(milestone) == "High Level Dialogue on International Migration and Development"


def test_milestone_natural_key_round_trip():
    milestone = MilestoneFactory(series__slug="key-migration-issues", title="High Level Dialogue")

    found = Milestone.objects.get_by_natural_key(*milestone.natural_key())

    assert (milestone.natural_key(), found) == (
        ("key-migration-issues", "High Level Dialogue"),
        milestone,
    )


def test_milestone_ending_before_start_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        MilestoneFactory(start_date=datetime.date(2006, 9, 14), end_date=datetime.date(2006, 9, 13))


def test_milestone_ending_before_start_refused_by_full_clean():
    milestone = MilestoneFactory.build(
        series=SeriesFactory(),
        start_date=datetime.date(2006, 9, 14),
        end_date=datetime.date(2006, 9, 13),
    )

    with pytest.raises(ValidationError) as excinfo:
        milestone.full_clean()

    assert excinfo.value.message_dict == {"end_date": ["The end date cannot be before the date."]}


def test_milestone_of_one_day_passes_full_clean():
    milestone = MilestoneFactory.build(
        series=SeriesFactory(), start_date=datetime.date(2005, 10, 5), end_date=None
    )

    milestone.full_clean()


def test_milestone_duplicate_title_refused_by_database():
    milestone = MilestoneFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        MilestoneFactory(series=milestone.series, title=milestone.title)


def test_milestone_duplicate_title_refused_by_full_clean():
    milestone = MilestoneFactory()
    duplicate = MilestoneFactory.build(series=milestone.series, title=milestone.title)

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.message_dict == {
        "title": ["This series already has a milestone with this title."]
    }


def test_milestones_ordered_by_date():
    series = SeriesFactory()
    dialogue = MilestoneFactory(series=series, start_date=datetime.date(2006, 9, 14))
    report = MilestoneFactory(series=series, start_date=datetime.date(2005, 10, 5))

    assert list(series.milestones.all()) == [report, dialogue]
