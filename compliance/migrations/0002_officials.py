from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS


def grant_officials(apps, schema_editor):
    grant_permissions(apps, OFFICIALS, "compliance", [
        "view_identitycheck", "add_identitycheck", "view_takedown", "add_takedown",
        "view_violation", "view_legaldeadlines", "change_legaldeadlines",
    ])  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("compliance", "0001_initial"), ("accounts", "0003_phone_verification")]

    operations = [migrations.RunPython(grant_officials, migrations.RunPython.noop)]
