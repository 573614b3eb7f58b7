"""The admin's list of versions in Arabic: the change arrow points to the new value."""

import pytest

from publishing.enums import Status
from tests.editorial import admin_url, login_as
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "arrow"), [("en", "&rarr;"), ("ar", "&larr;")])
def test_history_arrow_points_from_old_to_new_value(client, language, arrow):
    login_as(client, "editor")
    workshop = WorkshopFactory(status=Status.DRAFT, title="Before")
    workshop.title = "After"
    workshop.save()

    response = client.get(admin_url(workshop, "history"), headers={"accept-language": language})

    html = response.content.decode()
    assert "<bdi>Before</bdi>" in html
    assert f"{arrow}&nbsp;&nbsp;<bdi>After</bdi>" in html
