import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_a_row_locked_with_select_for_update_cannot_be_taken_by_another_connection():
    User = get_user_model()
    user = UserFactory()
    errors = []

    def try_to_lock_from_another_connection():
        try:
            with transaction.atomic():
                User.objects.select_for_update(nowait=True).get(pk=user.pk)
        except DatabaseError as error:
            errors.append(error)
        finally:
            connection.close()

    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        other = threading.Thread(target=try_to_lock_from_another_connection)
        other.start()
        other.join(timeout=30)

    assert len(errors) == 1
    assert "could not obtain lock" in str(errors[0])
