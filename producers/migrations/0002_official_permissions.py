from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS


def grant_officials(apps, schema_editor):
    grant_permissions(apps, OFFICIALS, "producers", ["view_producer", "moderate_producer"])


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant_officials, migrations.RunPython.noop)]
