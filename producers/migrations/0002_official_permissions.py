from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.roles import OFFICIALS

OFFICIAL_CODENAMES = ["view_producer", "moderate_producer"]


def grant_officials(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now.
    app_config = apps.get_app_config("producers")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    officials, _ = Group.objects.get_or_create(name=OFFICIALS)
    officials.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="producers", codename__in=OFFICIAL_CODENAMES
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant_officials, migrations.RunPython.noop)]
