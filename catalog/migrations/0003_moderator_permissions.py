from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS


def grant_officials(apps, schema_editor):
    grant_permissions(
        apps, OFFICIALS, "catalog", ["view_product", "moderate_product", "view_listingreport"]
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_default_categories"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(grant_officials, migrations.RunPython.noop)]
