from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS


def grant_officials(apps, schema_editor):
    grant_permissions(apps, OFFICIALS, "wholesale", [
        "view_business", "review_business", "view_standingorder", "view_quoterequest",
        "view_offer", "view_wholesalesettings", "change_wholesalesettings",
    ])  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("wholesale", "0001_initial"), ("accounts", "0003_phone_verification")]

    operations = [migrations.RunPython(grant_officials, migrations.RunPython.noop)]
