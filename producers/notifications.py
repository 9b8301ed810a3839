from django.conf import settings
from django.utils import timezone, translation

from marketplace import events
from marketplace.mail import email_when_committed

from .models import ProducerNotice


def notify_producer(producer, subject, message, topic=""):
    """A notice in the producer's portal, an e-mail after commit when it has an address, and
    the announcement "producer_told" that the notifications app texts to its phones."""
    notice = ProducerNotice.objects.create(producer=producer, message=message, topic=topic)
    events.announce("producer_told", producer=producer, notice=notice)
    if producer.email:
        email_when_committed(subject, message, [producer.email], settings.DEFAULT_FROM_EMAIL)


def close_notices(producer, topic, note):
    """The notices about `topic` ask nothing any more: the portal says why beside them."""
    ProducerNotice.objects.filter(producer=producer, topic=topic, closed_at=None).update(
        closed_at=timezone.now(), closing_note=note[:200]
    )


def in_vietnamese(function):
    """Notices and e-mails go out in Vietnamese, whatever language the official uses."""

    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper
