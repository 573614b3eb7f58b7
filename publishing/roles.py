"""The editorial roles: Editors add and change content (as drafts: the admin refuses them a
change of status); Publishers may also publish, unpublish, schedule, delete and restore.

The groups are made by `create_groups`, which the data migration
workshops/0004_editorial_groups runs (it lives in workshops, the top of the content apps,
so every content model's permissions exist when it runs) and which the tests run again
after a test that emptied every table. It only adds: permissions staff gave a group by
hand stay. A change to these lists reaches existing installs through a new data migration
that calls `create_groups` again.

Only the historical models the migration passes in are used, never the app's own, so
importing this module from a migration is safe.
"""

EDITORS = "Editors"
PUBLISHERS = "Publishers"
# Registrars run registration and alone see delegates' personal data (Editors and Publishers
# never do): they set a workshop's registration up, edit the privacy notice, see, export and
# print the list, mark attendance and write to delegates. Their group is made by
# registrations/0002_registrars, with `create_registrars`.
REGISTRARS = "Registrars"
ROLES = {"editor": EDITORS, "publisher": PUBLISHERS, "registrar": REGISTRARS}

# The content models, by app: what both roles edit.
CONTENT_MODELS = {
    "organizations": ["organization", "person"],
    "series": ["series", "seriesorganizer", "relatedlink", "milestone"],
    "workshops": ["workshop", "workshoppartner", "participation", "document"],
}
EDITOR_ACTIONS = ["add", "change", "view"]
# The publishable models' own permission; deleting (and so restoring) is for Publishers too.
# Organizations and people have no status, but readers see them: changing them is
# a Publisher's decision too (Editors propose).
PUBLISHER_EXTRA = [
    ("series", "publish_series"),
    ("workshops", "publish_workshop"),
    ("organizations", "publish_organization"),
    ("organizations", "publish_person"),
]


def editor_permissions():
    return [
        (app_label, f"{action}_{model}")
        for app_label, models in CONTENT_MODELS.items()
        for model in models
        for action in EDITOR_ACTIONS
    ]


def publisher_permissions():
    return (
        editor_permissions()
        + PUBLISHER_EXTRA
        + [
            (app_label, f"delete_{model}")
            for app_label, models in CONTENT_MODELS.items()
            for model in models
        ]
    )


def registrar_permissions():
    setup = [
        ("registrations", f"{action}_{model}")
        for model in ("registrationsettings", "question", "privacynotice")
        for action in ("add", "change", "view")
    ]
    return [
        *setup,
        ("registrations", "delete_question"),
        ("registrations", "view_registration"),  # the personal data
        ("registrations", "change_registration"),  # attendance, messages
        ("registrations", "view_staffaction"),
        ("workshops", "view_workshop"),
        ("series", "view_series"),
    ]


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in codenames
    ]


def create_groups(apps, schema_editor=None):
    """Make the Editors and Publishers groups and give them their permissions.

    Django creates permissions after all migrations (post_migrate), so a migration that
    runs this creates the ones it needs first."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    # add(), never set(): permissions that staff gave a group by hand stay.
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*_permissions(apps, editor_permissions()))
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.add(*_permissions(apps, publisher_permissions()))


def remove_groups(apps, schema_editor=None):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, PUBLISHERS]).delete()


def create_registrars(apps, schema_editor=None):
    """Make the Registrars group (see REGISTRARS); only adds, as `create_groups` does."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    registrars, _ = Group.objects.get_or_create(name=REGISTRARS)
    registrars.permissions.add(*_permissions(apps, registrar_permissions()))


def remove_registrars(apps, schema_editor=None):
    apps.get_model("auth", "Group").objects.filter(name=REGISTRARS).delete()
