from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS


def grant_officials(apps, schema_editor):
    # Refunds and payouts move money: an administrator grants add_refund and add_payout
    # to the officials who handle it.
    grant_permissions(
        apps, OFFICIALS, "payments", ["view_payment", "view_refund", "view_payout"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0001_initial"),
        ("accounts", "0003_phone_verification"),
    ]

    operations = [migrations.RunPython(grant_officials, migrations.RunPython.noop)]
