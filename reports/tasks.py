import datetime

from django.utils import timezone
from django_tasks import task

from . import running, snapshots


def nightly():
    """Yesterday's snapshot (and any day missed); change rows no longer read are dropped."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    days = snapshots.catch_up(yesterday)
    running.forget_before(yesterday)
    return days


@task()
def snapshot_listing_counts():
    return nightly()
