"""An import's preview and its confirm may reach different app server workers: the file
waits where all of them see it, not in one process's memory."""

import pytest
from django.core.cache import caches

from tests.editorial import login_as
from tests.factories import SeriesFactory
from tests.workshops.test_import_export import GOOD_ROWS, HEADER, confirm, upload
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def test_a_confirm_reaching_another_worker_imports_the_file(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    SeriesFactory(slug="kmi")
    login_as(client, "publisher")
    preview = upload(client, HEADER + GOOD_ROWS)

    # Another gunicorn worker: the same shared storage and database, none of this process's
    # memory (the default cache is per process).
    for cache in caches.all():
        cache.clear()
    response = confirm(client, preview)

    assert response.status_code == 302
    assert Workshop.objects.count() == 3
    assert list(tmp_path.rglob("django-import-export/*")) == []  # removed once imported
