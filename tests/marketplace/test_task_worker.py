"""With the database task backend (TASKS_BACKEND=database, as in the production stack)
e-mails wait in the database while the worker is stopped, and all go out when it
runs again; a change that rolls back sends nothing."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from producers import services
from tests.factories import ProducerFactory

# The worker opens its own transactions, as it does in its own process.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def emails():
    return DBTaskResult.objects.filter(task_path="marketplace.mail.send_email")


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_emails_wait_for_the_worker_and_all_go_out_when_it_returns(
    database_tasks, official, mailoutbox
):
    producers = [
        ProducerFactory(status="submitted", email=f"hop-tac-xa-{n}@example.vn") for n in range(3)
    ]
    for producer in producers:
        services.verify(producer, official)

    assert mailoutbox == []  # no worker yet: the e-mails wait
    assert emails().filter(status="READY").count() == 3

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert sorted(message.to[0] for message in mailoutbox) == [
        f"hop-tac-xa-{n}@example.vn" for n in range(3)
    ]
    assert all("đã được xác minh" in message.subject for message in mailoutbox)
    assert emails().filter(status="SUCCESSFUL").count() == 3


def test_a_change_that_rolls_back_queues_no_email(database_tasks, official, mailoutbox):
    producer = ProducerFactory(status="submitted", email="ba@example.vn")

    with pytest.raises(RuntimeError), transaction.atomic():
        services.verify(producer, official)
        raise RuntimeError("the request failed after the verification")

    assert not emails().exists()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert mailoutbox == []
