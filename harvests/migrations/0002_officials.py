from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS


def grant_officials(apps, schema_editor):
    grant_permissions(apps, OFFICIALS, "harvests", [
        "view_harvestannouncement", "view_preorder", "view_outlooksettings",
        "change_outlooksettings",
    ])  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("harvests", "0001_initial"), ("accounts", "0003_phone_verification")]

    operations = [migrations.RunPython(grant_officials, migrations.RunPython.noop)]
