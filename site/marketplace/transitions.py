"""Status machines shared by producers and products: lock the row, then check the move."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def lock_for_transition(instance, to_status, allowed, choices):
    """Re-read `instance` under a row lock and refuse a move `allowed` does not list.

    The lock makes two people acting at once (two officials, a farmer on two
    phones) take turns instead of both moving from the same status.
    """
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if to_status not in allowed.get(current.status, set()):
        raise ValidationError(
            _("“%(name)s” is “%(from)s” and cannot become “%(to)s”.")
            % {
                "name": instance,
                "from": choices(current.status).label,
                "to": choices(to_status).label,
            },
            code="invalid_transition",
        )
    return current
