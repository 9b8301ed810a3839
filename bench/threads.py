"""Concurrent clients for the benchmarks: start them together, time the whole, read percentiles."""

import threading
import time


def run_together(function, arguments):
    """Run function(argument) for each argument in its own thread; return the wall time in s."""
    threads = [threading.Thread(target=function, args=(argument,)) for argument in arguments]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def percentile(values, share):
    values = sorted(values)
    return values[max(int(share * len(values)) - 1, 0)] if values else 0


def tasks_as_in_production():
    """Settings as a server runs them (TASKS_BACKEND=database): a request writes its texts
    and index updates to their outboxes, and the worker, not the request, delivers them."""
    from django.test import override_settings

    return override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
