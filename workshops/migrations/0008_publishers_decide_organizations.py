"""Publishers also get the permission to change organizations and people that readers see;
Editors' changes to them become proposals (publishing/proposals.py)."""

from django.db import migrations

from publishing.roles import create_groups


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0005_publish_permissions"),
        ("workshops", "0007_partner_listed_as"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
