"""What the wholesale lane tells people: the business by text (its phone, Zalo first when a
template is registered), the producer by a portal notice that is texted too."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from notifications import outbox
from producers.notifications import notify_producer


def tell_business(business, key, text, url_name="wholesale:home", *args):
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.SITE_URL + reverse(url_name, args=args)
        outbox.queue(
            outbox.message(
                f"wholesale:{business.pk}:{key}",
                "wholesale",
                f"{text} {link}",
                phone=business.phone,
            )
        )


def tell_producer(producer, subject, text, topic=""):
    with translation.override(settings.LANGUAGE_CODE):
        notify_producer(producer, subject, text, topic=topic)
