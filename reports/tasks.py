import datetime

from django.utils import timezone
from django_tasks import task

from . import running, snapshots


def nightly():
    """Yesterday's snapshot (and any day missed); change rows no longer read are dropped,
    and the running figures are built if they are not (so no official's page waits for it)."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    days = snapshots.catch_up(yesterday)
    running.forget_before(yesterday)
    running.ensure_built()
    return days


@task()
def snapshot_listing_counts():
    return nightly()
