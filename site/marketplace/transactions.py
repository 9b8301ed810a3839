"""A transaction that PostgreSQL chose as a deadlock's victim is tried once more.

Rows are locked in one order everywhere (orders.locks), so a deadlock should not
happen; if one still does (a lock taken by a path nobody foresaw), the buyer's tap
succeeds on the second try instead of answering 503. Only the outermost transaction
can be retried: inside another one, the error goes up to it.
"""

import functools
import logging

from django.db import OperationalError, connection, transaction

logger = logging.getLogger(__name__)
# deadlock_detected, serialization_failure
RETRYABLE = {"40P01", "40001"}


def _retryable(error):
    cause = error.__cause__
    return (
        getattr(cause, "sqlstate", None) in RETRYABLE or getattr(cause, "pgcode", None) in RETRYABLE
    )


def atomic_retried_once(function):
    """Like @transaction.atomic, and run again once after a deadlock."""
    atomic = transaction.atomic(function)

    @functools.wraps(function)
    def run(*args, **kwargs):
        if connection.in_atomic_block:
            return atomic(*args, **kwargs)
        try:
            return atomic(*args, **kwargs)
        except OperationalError as error:
            if not _retryable(error):
                raise
            logger.warning("%s: %s; trying once more", function.__qualname__, error)
            return atomic(*args, **kwargs)

    return run
