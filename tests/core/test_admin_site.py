"""The admin says whose it is and lists models by task: Content for everyone on staff,
Administration for superusers only, and nothing that is edited only as a row of a form."""

import pytest
from django.urls import reverse

from tests.editorial import login_as

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def index_groups(response):
    return [
        (str(app["name"]), [str(model["name"]) for model in app["models"]])
        for app in response.context["app_list"]
    ]


def test_header_and_title_name_the_site_by_default(client):
    login_as(client, "editor")

    response = client.get(INDEX)

    assert "<title>Site administration | UN Workshop Series — staff</title>" in (response.text)
    assert "UN Workshop Series — staff</a>" in response.text
    assert "Django administration" not in response.text


def test_header_comes_from_settings(client, settings):
    settings.ADMIN_SITE_HEADER = "Key Migration Issues — back office"
    login_as(client, "editor")

    response = client.get(INDEX)

    assert "Key Migration Issues — back office</a>" in response.text


def test_editor_sees_content_only_in_the_order_work_is_done(client):
    login_as(client, "editor")

    response = client.get(INDEX)

    assert index_groups(response) == [
        ("Content", ["My proposals", "Series", "Workshops", "Organizations", "People"])
    ]
    assert 'class="section">Content</span>' in response.text


def test_superuser_also_sees_administration(client):
    login_as(client, "superuser")

    groups = dict(index_groups(client.get(INDEX)))

    assert groups["Content"] == [
        "Proposals: 0 waiting for review",
        "Series",
        "Workshops",
        "Organizations",
        "People",
    ]
    assert {"Users", "Groups", "Access attempts", "TOTP devices"} <= set(groups["Administration"])


@pytest.mark.parametrize(
    "path", ["series/milestone/", "workshops/document/", "workshops/participation/"]
)
def test_models_edited_as_rows_are_out_of_the_index_but_still_answer(client, path):
    login_as(client, "superuser")

    index = client.get(INDEX)
    page = client.get(INDEX + path)

    assert f'href="{INDEX}{path}"' not in index.text
    assert page.status_code == 200


def test_app_page_lists_its_own_models_without_the_rows(client):
    login_as(client, "editor")

    response = client.get(reverse("admin:app_list", args=["workshops"]))

    assert index_groups(response) == [("Workshops", ["Workshops"])]
