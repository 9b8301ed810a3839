"""Scheduled work of the legal duties (marketplace.schedule)."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from producers.models import ProducerNotice
from producers.notifications import in_vietnamese, notify_producer

from .identity import needing_a_new_check

TOPIC = "identity-expired"


@in_vietnamese
def review_expired_identities():
    """Tell each verified producer whose identity check ran out, once per lapse; officials
    see them in their queue (compliance.identity.needing_a_new_check)."""
    told = 0
    for producer in needing_a_new_check():
        with transaction.atomic():
            if ProducerNotice.objects.filter(
                producer=producer, topic=TOPIC, closed_at=None
            ).exists():
                continue
            notify_producer(
                producer,
                _("Your identity check has run out"),
                _(
                    "The identity check of %(name)s has run out. Check it again with VNeID in "
                    "your portal, or show your ID card to the commune or your digital team."
                )
                % {"name": producer.display_name},
                topic=TOPIC,
            )
            told += 1
    return told


@task()
def review_identities():
    """Every morning (texts reach farmers by day)."""
    return review_expired_identities()
