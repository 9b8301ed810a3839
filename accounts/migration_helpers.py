"""Helpers for data migrations that give a role group its permissions."""

from django.contrib.auth.management import create_permissions


def grant_permissions(apps, group_name, app_label, codenames):
    # Permissions are normally made after all migrations run; make this app's now.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # the migration state's app stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
