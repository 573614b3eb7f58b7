"""The admin works under the strict Content-Security-Policy: none of its pages needs an
inline script, an inline style or an event handler, which the policy would block."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.htmlsafety import unsafe_parts

pytestmark = pytest.mark.django_db


def admin_pages():
    """The index, and for every registered model its list, add and first change page."""
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(_superuser_request()):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    return pages


def _superuser_request():
    class Request:
        class user:
            is_active = is_staff = is_superuser = True

            @staticmethod
            def has_perm(perm, obj=None):
                return True

    return Request()


def test_admin_login_page_needs_nothing_inline(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 200
    assert unsafe_parts(response.content.decode()) == []


def test_every_admin_page_needs_nothing_inline(staff_client, key_migration_issues):
    pages = admin_pages()

    problems = {}
    for url in pages:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        found = unsafe_parts(response.content.decode())
        if found:
            problems[url] = found

    assert len(pages) > 20
    assert problems == {}


def test_admin_related_object_popup_needs_nothing_inline(staff_client, key_migration_issues):
    url = reverse("admin:organizations_organization_add") + "?_to_field=id&_popup=1"

    response = staff_client.post(
        url,
        {"name_en": "Popup Agency", "slug": "popup-agency", "kind": "other", "_popup": "1"},
    )

    html = response.content.decode()
    assert "django-admin-popup-response-constants" in html
    assert unsafe_parts(html) == []
