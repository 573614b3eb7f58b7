"""The Editors and Publishers groups, so every install has them (issue 4).

Editors add and change content (as drafts: the admin refuses them a status change);
Publishers may also publish, unpublish, schedule and delete. Permissions are created
by a post_migrate signal, after all migrations, so this migration creates the ones it
needs itself. The lists are frozen here on purpose: a migration must not change
meaning when application code changes later. It lives in workshops because workshops
is the top of the import chain and already depends on series and organizations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = {
    "organizations": ["organization", "person"],
    "series": ["series", "seriesorganizer", "relatedlink", "milestone"],
    "workshops": ["workshop", "workshoppartner", "participation", "document"],
}
EDITOR_ACTIONS = ["add", "change", "view"]
PUBLISHER_EXTRA = [("series", "publish_series"), ("workshops", "publish_workshop")]


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codename in codenames:
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    editor = [
        (app_label, f"{action}_{model}")
        for app_label, models in CONTENT_MODELS.items()
        for model in models
        for action in EDITOR_ACTIONS
    ]
    publisher = (
        editor
        + PUBLISHER_EXTRA
        + [
            (app_label, f"delete_{model}")
            for app_label, models in CONTENT_MODELS.items()
            for model in models
        ]
    )
    # add(), never set(): permissions that staff gave a group by hand stay.
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*_permissions(apps, editor))
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.add(*_permissions(apps, publisher))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organizations", "0002_history"),
        ("series", "0002_publish_at_history"),
        ("workshops", "0003_publish_at_history"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
