"""The Editors and Publishers groups, so every install has them.

The roles are defined in publishing/roles.py, the one place that says what each may do;
`create_groups` uses only the historical models passed in and only adds. It runs here,
in workshops, the top of the content apps, so every content model's permissions exist.
"""

from django.db import migrations

from publishing.roles import create_groups, remove_groups


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organizations", "0002_history"),
        ("series", "0002_publish_at_history"),
        ("workshops", "0003_publish_at_history"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
