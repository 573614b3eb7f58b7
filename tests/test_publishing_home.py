"""Publishing has one home: what is public, and who may publish, is decided in publishing/
and nowhere else, and everything that must follow a change to public content knows every
publishable model."""

import datetime
import os
import pathlib
import re

import pytest
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from core.infrastructure import cache
from publishing.enums import Status
from publishing.models import Publishable
from publishing.registry import content_models, publishable_models
from publishing.rules import is_public
from series.models import Series
from tests.factories import SeriesFactory, WorkshopFactory
from workshops.models import Workshop

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Where code may not decide on its own what readers see.
SKIPPED_DIRS = {"tests", "migrations", "publishing", "staticfiles", "media", "test-artifacts"}
# A filter or a comparison that says "public" without asking publishing/: a publish-at time
# compared with now, or a status tested against Published.
OWN_NOTION = re.compile(
    r"publish_at__(?:lte|lt|isnull)"
    # A keyword argument (no spaces around "="), not an assignment of test or sample data.
    r"|(?:^|\(|,|\s|__)status=(?:Status\.PUBLISHED|[\"']published[\"'])"
    r"|status\s*[!=]=\s*(?:Status\.PUBLISHED|[\"']published[\"'])"
)


def _source_files():
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS and not name.startswith(".")]
        for name in files:
            if name.endswith((".py", ".html", ".txt", ".xml")):
                yield pathlib.Path(folder, name)


def test_no_module_outside_publishing_defines_what_is_public():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _source_files()
        for number, line in enumerate(path.read_text(errors="ignore").splitlines(), 1)
        if OWN_NOTION.search(line)
    ]
    assert not found, "ask publishing/ (public_q, is_public, published()) instead:\n" + "\n".join(
        found
    )


def test_the_check_would_notice_an_own_notion_of_public():
    for line in [
        'Workshop.objects.filter(status="published", publish_at__lte=now)',
        "qs.filter(series__status=Status.PUBLISHED)",
        "if obj.status == Status.PUBLISHED:",
        '{% if workshop.status != "published" %}',
    ]:
        assert OWN_NOTION.search(line), line


def test_every_publishable_model_is_watched_by_the_page_cache():
    publishable = publishable_models()
    assert set(publishable) == {Series, Workshop}
    assert all(issubclass(model, Publishable) for model in publishable)
    for model in publishable:
        assert model in cache.scheduled_models(), model
        assert model in cache.watched_models(), model
    for model in content_models():
        assert model in cache.watched_models(), model
        assert post_save.has_listeners(model), model
        assert post_delete.has_listeners(model), model


@pytest.mark.django_db
def test_a_workshop_is_public_only_with_its_series():
    now = timezone.now()
    later = now + datetime.timedelta(hours=1)
    published = WorkshopFactory(status=Status.PUBLISHED, series__status=Status.PUBLISHED)
    in_draft_series = WorkshopFactory(status=Status.PUBLISHED, series__status=Status.DRAFT)
    in_scheduled_series = WorkshopFactory(
        status=Status.PUBLISHED, series__status=Status.PUBLISHED, series__publish_at=later
    )
    scheduled = WorkshopFactory(
        status=Status.PUBLISHED, publish_at=later, series__status=Status.PUBLISHED
    )

    assert list(Workshop.objects.published()) == [published]
    assert [is_public(w) for w in (published, in_draft_series, in_scheduled_series, scheduled)] == [
        True,
        False,
        False,
        False,
    ]
    assert set(Series.objects.published()) == {published.series, scheduled.series}
    assert Workshop.objects.published(now=later + datetime.timedelta(seconds=1)).count() == 3


@pytest.mark.django_db
def test_drafts_are_what_is_not_published():
    draft = SeriesFactory(status=Status.DRAFT)
    SeriesFactory(status=Status.PUBLISHED)
    assert list(Series.objects.drafts()) == [draft]
