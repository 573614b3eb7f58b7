"""The Registrars group, so every install has it.

The role is defined in publishing/roles.py with the others; `create_registrars` uses only
the historical models passed in and only adds.
"""

from django.db import migrations

from publishing.roles import create_registrars, remove_registrars


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0001_initial"),
        ("workshops", "0004_editorial_groups"),
    ]

    operations = [migrations.RunPython(create_registrars, remove_registrars)]
