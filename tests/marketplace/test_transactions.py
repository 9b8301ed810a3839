"""A transaction chosen as a deadlock's victim is run once more, and only once, and only
when it is the outermost one (issue 22, item 31)."""

import pytest
from django.db import OperationalError, transaction

from marketplace.transactions import atomic_retried_once

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Deadlock(Exception):
    sqlstate = "40P01"


def failing(times, cause=Deadlock):
    calls = []

    @atomic_retried_once
    def work():
        calls.append(1)
        if len(calls) <= times:
            raise OperationalError("deadlock detected") from cause()
        return "done"

    return work, calls


def test_a_deadlock_victim_is_tried_once_more():
    work, calls = failing(times=1)
    assert work() == "done" and len(calls) == 2


def test_a_second_deadlock_goes_up_instead_of_looping():
    work, calls = failing(times=2)
    with pytest.raises(OperationalError):
        work()
    assert len(calls) == 2


def test_other_database_errors_are_not_retried():
    work, calls = failing(times=1, cause=ValueError)
    with pytest.raises(OperationalError):
        work()
    assert len(calls) == 1


def test_inside_another_transaction_the_error_goes_up_to_it():
    work, calls = failing(times=1)
    with pytest.raises(OperationalError), transaction.atomic():
        work()
    assert len(calls) == 1
