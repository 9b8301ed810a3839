from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS


def grant_officials(apps, schema_editor):
    grant_permissions(
        apps,
        OFFICIALS,
        "reports",
        ["view_listing_figures", "add_target", "change_target", "delete_target", "view_target"],
    )


def forget_old_snapshots(apps, schema_editor):
    # Made before per-group figures existed: remade from the log when next read.
    apps.get_model("reports", "SnapshotDay").objects.all().delete()
    apps.get_model("reports", "ListingSnapshot").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_figures_and_targets"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [
        migrations.RunPython(forget_old_snapshots, migrations.RunPython.noop),
        migrations.RunPython(grant_officials, migrations.RunPython.noop),
    ]
