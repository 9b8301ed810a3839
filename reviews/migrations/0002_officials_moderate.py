from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS


def grant_officials(apps, schema_editor):
    grant_permissions(apps, OFFICIALS, "reviews", [
        "view_review", "moderate_review", "view_reviewrules", "change_reviewrules",
    ])  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial"), ("accounts", "0003_phone_verification")]

    operations = [migrations.RunPython(grant_officials, migrations.RunPython.noop)]
