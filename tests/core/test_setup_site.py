import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

# Every model the fixture fills, and the accounts.
MODELS = [
    "organizations.Organization",
    "organizations.Person",
    "series.Series",
    "series.SeriesOrganizer",
    "series.RelatedLink",
    "series.Milestone",
    "workshops.Workshop",
    "workshops.WorkshopPartner",
    "auth.User",
]


def run_setup_site():
    out = StringIO()
    call_command("setup_site", stdout=out)
    return out.getvalue()


def snapshot():
    """Row counts of every model and the last edit time of those that record one."""
    state = {}
    for label in MODELS:
        model = apps.get_model(label)
        state[label] = model.objects.count()
        if any(field.name == "updated_at" for field in model._meta.fields):
            state[f"{label}.updated_at"] = sorted(
                model.objects.values_list("updated_at", flat=True)
            )
    return state


def test_setup_site_first_run_loads_series_and_prints_working_password(settings):
    settings.DEBUG = True

    output = run_setup_site()

    Series = apps.get_model("series", "Series")
    assert Series.objects.filter(slug="key-migration-issues").exists()
    password = re.search(r"password: (\S+)", output).group(1)
    user = authenticate(username="admin", password=password)
    assert user is not None
    assert user.is_superuser
    assert user.is_staff


def test_setup_site_names_the_port_the_local_server_uses(settings):
    """`make run PORT=8001` passes the port on, so the sign-in address it prints works."""
    settings.DEBUG = True
    out = StringIO()

    call_command("setup_site", "--port", "8001", stdout=out)

    assert f"sign in at http://127.0.0.1:8001/{settings.ADMIN_URL}" in out.getvalue()


def test_setup_site_second_run_changes_nothing(settings):
    settings.DEBUG = True
    run_setup_site()
    before = snapshot()

    output = run_setup_site()

    assert snapshot() == before
    assert "already loaded" in output
    assert "password" not in output
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_setup_site_keeps_staff_edits(settings):
    settings.DEBUG = True
    run_setup_site()
    Series = apps.get_model("series", "Series")
    Series.objects.filter(slug="key-migration-issues").update(title="Edited by staff")

    run_setup_site()

    assert Series.objects.get(slug="key-migration-issues").title == "Edited by staff"


def test_setup_site_without_debug_creates_no_account(settings):
    settings.DEBUG = False

    output = run_setup_site()

    assert get_user_model().objects.count() == 0
    assert "createsuperuser" in output
    assert "password" not in output
    assert apps.get_model("series", "Series").objects.exists()
