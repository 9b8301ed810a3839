from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS


def grant_officials(apps, schema_editor):
    grant_permissions(apps, OFFICIALS, "privacy", [
        "view_datarequest", "handle_datarequest", "view_breach", "add_breach", "change_breach",
        "view_privacydeadlines", "change_privacydeadlines",
    ])  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial"), ("accounts", "0003_phone_verification")]

    operations = [migrations.RunPython(grant_officials, migrations.RunPython.noop)]
