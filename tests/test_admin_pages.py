"""Every page of every model in the admin registry renders: the list (with its rows), the
add page, each object's change page and its history. One test over `admin.site`, so a model
registered tomorrow is covered without a line here."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from simple_history.models import HistoricalChanges

from tests import factories

OUR_APPS = ["organizations", "series", "workshops"]
# Each project model's factory, for the models the shipped series has no row of.
FACTORIES = {
    value._meta.model: value
    for value in vars(factories).values()
    if isinstance(value, type)
    and issubclass(value, factories.factory.django.DjangoModelFactory)
    and value._meta.model is not None
}
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def _url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def test_every_project_model_is_in_the_admin():
    """History tables are reached from each model's own history page, not registered."""
    ours = {
        model
        for label in OUR_APPS
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, HistoricalChanges)
    }
    assert ours <= set(REGISTERED)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_admin_page_renders(admin_client, admin_user, key_migration_issues, model):
    if not model._default_manager.exists() and model in FACTORIES:
        FACTORIES[model]()
    objects = list(model._default_manager.all())
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = admin_user

    changelist = admin_client.get(_url(model, "changelist"))
    add = admin_client.get(_url(model, "add"))

    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count == len(objects)
    assert add.status_code == (200 if model_admin.has_add_permission(request) else 403)
    for obj in objects:
        change = admin_client.get(_url(model, "change", obj.pk))
        assert change.status_code == 200, obj
        assert change.context["original"] == obj
        history = admin_client.get(_url(model, "history", obj.pk))
        assert history.status_code == 200, obj
