"""The scheduler enqueues the periodic tasks for the worker: the search outbox and the
payments every minute, unanswered complaints, quotes, standing orders and expired lots every hour, the
listing snapshot each night at 00:05 Vietnam time and the price board's closed periods at
00:20."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from marketplace.schedule import Scheduler

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def names(tasks):
    return sorted(task.name for task in tasks)


def test_periodic_tasks_are_due_at_start_and_every_minute_the_snapshot_at_night():
    evening = datetime.datetime(2026, 3, 6, 23, 0, tzinfo=VIETNAM)
    scheduler = Scheduler(evening)

    assert names(scheduler.due(evening)) == [
        "deliver_notifications",
        "drain_search_outbox",
        "expire_quotes",
        "mediate_unanswered",
        "place_standing_orders",
        "retire_expired_lots",
        "settle_payments",
    ]
    assert scheduler.due(evening + datetime.timedelta(seconds=30)) == []
    assert names(scheduler.due(evening + datetime.timedelta(seconds=61))) == [
        "deliver_notifications",
        "drain_search_outbox",
        "settle_payments",
    ]
    assert "mediate_unanswered" in names(
        scheduler.due(evening + datetime.timedelta(hours=1, seconds=1))
    )
    after_midnight = datetime.datetime(2026, 3, 7, 0, 5, 1, tzinfo=VIETNAM)
    assert "snapshot_listing_counts" in names(scheduler.due(after_midnight))
    assert "close_periods" in names(scheduler.due(after_midnight + datetime.timedelta(minutes=15)))
    assert "snapshot_listing_counts" not in names(
        scheduler.due(after_midnight + datetime.timedelta(hours=1))
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_runs_what_the_scheduler_enqueued(settings, capsys):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    call_command("run_schedule", "--once")
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "complaints.tasks.mediate_unanswered",
        "notifications.tasks.deliver_notifications",
        "payments.tasks.settle_payments",
        "search.tasks.drain_search_outbox",
        "traceability.tasks.retire_expired_lots",
        "wholesale.tasks.expire_quotes",
        "wholesale.tasks.place_standing_orders",
    ]
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
