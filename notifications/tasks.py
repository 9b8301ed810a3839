from django_tasks import task

from . import outbox


@task()
def deliver_notifications():
    return outbox.deliver_due()
