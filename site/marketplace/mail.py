"""E-mail leaves through the task backend: the worker sends it, and while the worker is
down it waits in the database instead of being lost."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@task()
def send_email(subject, body, recipients, from_email=None):
    send_mail(subject, body, from_email, recipients)


def email_when_committed(subject, body, recipients, from_email=None):
    """Send an e-mail only if the current transaction commits.

    With the database backend the task row is written in the transaction itself, so it
    exists exactly when the change does; in-process the e-mail is sent after commit (a
    failure is recorded on the task result, never shown to the person who acted)."""
    arguments = (str(subject), str(body), list(recipients), from_email)
    if settings.TASKS["default"]["BACKEND"] == DATABASE_BACKEND:
        send_email.enqueue(*arguments)
    else:
        transaction.on_commit(lambda: send_email.enqueue(*arguments))
