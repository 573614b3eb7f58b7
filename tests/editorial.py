"""Helpers for the editorial workflow tests: users in each role, admin form posts."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from publishing.roles import ROLES

ROLE_NAMES = ["editor", "publisher", "superuser"]


def user_with_role(role):
    """A staff user in the Editors or Publishers group, or a superuser."""
    user_model = get_user_model()
    if role == "superuser":
        return user_model.objects.create_superuser(username="root", password="not-used")
    user = user_model.objects.create_user(username=role, password="not-used", is_staff=True)
    user.groups.add(Group.objects.get(name=ROLES[role]))
    return user


def login_as(client, role):
    client.force_login(user_with_role(role))
    return client


def admin_url(obj, view):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def change_form_data(client, obj, **changes):
    """What the browser posts from the object's change page, with `changes` applied."""
    response = client.get(admin_url(obj, "change"))
    assert response.status_code == 200
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        data.update(_field_data(name, form[name].value()))
    for inline in response.context["inline_admin_formsets"]:
        management_form = inline.formset.management_form
        for name in management_form.fields:
            data[management_form.add_prefix(name)] = management_form[name].value()
        for inline_form in inline.formset.forms:
            for name in inline_form.fields:
                data.update(_field_data(inline_form.add_prefix(name), inline_form[name].value()))
    for name, value in changes.items():
        data.update(_field_data(name, value))
    return data


def _field_data(name, value):
    """The admin splits a date and time into two inputs, name_0 and name_1."""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return {f"{name}_0": local.date().isoformat(), f"{name}_1": local.time().isoformat()}
    if name == "publish_at" and value in (None, ""):
        return {f"{name}_0": "", f"{name}_1": ""}
    return {name: "" if value is None else value}
