"""Work that runs on a schedule, enqueued for the task worker.

Apps register their periodic tasks in AppConfig.ready() (this module never imports
them); `manage.py run_schedule` enqueues what is due, and the worker
(`manage.py db_worker`) runs it. Every scheduled task is safe to run twice, so two
schedulers (two machines) cost only duplicate work.
"""

import dataclasses
import datetime

from django.utils import timezone


@dataclasses.dataclass
class Entry:
    task: object  # a django_tasks Task
    every: datetime.timedelta | None = None
    daily_at: datetime.time | None = None  # local time (Asia/Ho_Chi_Minh)

    def next_after(self, moment):
        if self.every:
            return moment + self.every
        local = timezone.localtime(moment)
        today = timezone.make_aware(datetime.datetime.combine(local.date(), self.daily_at))
        return today if today > moment else today + datetime.timedelta(days=1)


_entries = []


def every(seconds, task):
    _entries.append(Entry(task, every=datetime.timedelta(seconds=seconds)))


def daily(at, task):
    _entries.append(Entry(task, daily_at=at))


def entries():
    return list(_entries)


class Scheduler:
    """Which entries are due: periodic ones at start and then every period, daily ones at
    their time (not at start: the nightly run must not repeat at each restart)."""

    def __init__(self, now):
        self.due_at = {
            index: now if entry.every else entry.next_after(now)
            for index, entry in enumerate(_entries)
        }

    def due(self, now):
        due = []
        for index, entry in enumerate(_entries):
            if self.due_at[index] <= now:
                due.append(entry.task)
                self.due_at[index] = entry.next_after(now)
        return due

    def next_moment(self):
        return min(self.due_at.values(), default=None)
