from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS


def grant_officials(apps, schema_editor):
    # Officials give others only the areas they hold themselves (areas.forms.HeldAreaForm).
    grant_permissions(apps, OFFICIALS, "areas", [
        "view_areagrant", "add_areagrant", "delete_areagrant",
    ])  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("areas", "0003_area_grants"), ("accounts", "0003_phone_verification")]

    operations = [migrations.RunPython(grant_officials, migrations.RunPython.noop)]
