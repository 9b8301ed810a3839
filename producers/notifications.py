from django.conf import settings
from django.utils import translation

from marketplace.mail import email_when_committed

from .models import ProducerNotice


def notify_producer(producer, subject, message):
    """A notice in the producer's portal, and an e-mail after commit when it has an address."""
    ProducerNotice.objects.create(producer=producer, message=message)
    if producer.email:
        email_when_committed(subject, message, [producer.email], settings.DEFAULT_FROM_EMAIL)


def in_vietnamese(function):
    """Notices and e-mails go out in Vietnamese, whatever language the official uses."""

    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper
