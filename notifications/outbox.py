"""Messages written in the caller's transaction, delivered after commit by the task
worker: each once, retried with backoff on a gateway's failure, falling from Zalo to SMS
to e-mail when a channel cannot reach the person. Nothing here runs on a request's path
but the write: a gateway down or slow only delays."""

import datetime
import inspect
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .gateways import GatewayError
from .gateways.zalo import ZaloMessage
from .models import Attempt, Channel, Message, MessageStatus, Preference
from .sms_text import as_sent

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failure on a channel; past the last, the next channel.
BACKOFF = [30, 120, 600, 3600, 6 * 3600]
# A message claimed by a worker that died before it could say how it went.
CLAIM_EXPIRES = datetime.timedelta(minutes=10)
BATCH = 100


def message(key, event, text, *, phone="", email="", subject="", zalo_template="", zalo_data=None):
    """One message to write: the channels are those the person can be reached on, Zalo
    first when its kind has a registered template."""
    channels = []
    if phone and zalo_template and settings.ZALO_TEMPLATES.get(zalo_template):
        channels.append(Channel.ZALO)
    if phone:
        channels.append(Channel.SMS)
    if email:
        channels.append(Channel.EMAIL)
    return Message(
        key=key[:160], event=event, text=text, phone=phone, email=email, subject=subject,
        zalo_template=zalo_template, zalo_data=zalo_data or {}, channels=channels,
    )  # fmt: skip


def queue(*messages):
    """Write the messages (a key already written is skipped: the same event for the same
    person is one message) and have them sent after commit. Two queries whatever their
    number: the recipients' preferences, and one insert."""
    phones = {m.phone for m in messages if m.phone}
    chosen = {p.phone: p for p in Preference.objects.filter(phone__in=phones)} if phones else {}
    for m in messages:
        if m.phone in chosen:
            m.channels = [channel for channel in m.channels if chosen[m.phone].allows(channel)]
    wanted = [m for m in messages if m.channels]
    if not wanted:
        return
    Message.objects.bulk_create(wanted, ignore_conflicts=True)
    from .tasks import deliver_notifications

    transaction.on_commit(deliver_notifications.enqueue)


def deliver_due(limit=BATCH, now=None):
    """Send what is due; return how many were sent."""
    now = now or timezone.now()
    due = Message.objects.filter(
        Q(status=MessageStatus.QUEUED, next_attempt_at__lte=now)
        | Q(status=MessageStatus.SENDING, claimed_at__lte=now - CLAIM_EXPIRES)
    ).order_by("next_attempt_at", "pk")
    sent = 0
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        message = _claim(pk, now)
        if message is not None:
            sent += _deliver(message)
    return sent


def _claim(pk, now):
    """Take the message for this worker, unless another took it first."""
    taken = Message.objects.filter(
        Q(status=MessageStatus.QUEUED)
        | Q(status=MessageStatus.SENDING, claimed_at__lte=now - CLAIM_EXPIRES),
        pk=pk,
    ).update(status=MessageStatus.SENDING, claimed_at=timezone.now())
    return Message.objects.get(pk=pk) if taken else None


def _deliver(message):
    channel = message.channel
    try:
        gateway_id = SENDERS[channel](message)
    except GatewayError as error:
        return _failed(message, channel, error)
    except Exception as error:  # a backend's own bug must not stop the other messages
        logger.exception("Notification %s failed on %s", message.pk, channel)
        return _failed(message, channel, GatewayError(f"{type(error).__name__}: {error}"))
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENT, sent_channel=channel, sent_at=timezone.now(),
        gateway_id=str(gateway_id or "")[:100], last_error="",
    )  # fmt: skip
    Attempt.objects.create(message=message, channel=channel, outcome=Attempt.Outcome.SENT)
    return 1


def _failed(message, channel, error):
    """Try again later on this channel, or now on the next one (still claimed by this
    worker); returns how many were sent."""
    text = str(error)[:300]
    attempts = message.attempts + 1
    if not error.permanent and attempts <= len(BACKOFF):
        Attempt.objects.create(
            message=message, channel=channel, outcome=Attempt.Outcome.RETRY, error=text
        )
        wait = datetime.timedelta(seconds=BACKOFF[attempts - 1])
        Message.objects.filter(pk=message.pk).update(
            status=MessageStatus.QUEUED, attempts=attempts, last_error=text,
            next_attempt_at=timezone.now() + wait,
        )  # fmt: skip
        return 0
    Attempt.objects.create(
        message=message, channel=channel, outcome=Attempt.Outcome.FAILED, error=text
    )
    following = message.channel_index + 1
    more = following < len(message.channels)
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING if more else MessageStatus.FAILED,
        channel_index=following if more else message.channel_index,
        attempts=0, last_error=text, claimed_at=timezone.now(), next_attempt_at=timezone.now(),
    )  # fmt: skip
    return _deliver(Message.objects.get(pk=message.pk)) if more else 0


def _send_sms(message):
    """Through SMS_BACKEND, send(phone, message); a backend that also takes a request_id
    (eSMS's RequestId) is given the message's key, so a retry is never billed twice."""
    backend = import_string(settings.SMS_BACKEND)()
    text = as_sent(message.text)
    if "request_id" in inspect.signature(backend.send).parameters:
        return backend.send(message.phone, text, request_id=message.key)
    return backend.send(message.phone, text)


def _send_zalo(message):
    template_id = settings.ZALO_TEMPLATES[message.zalo_template]
    zalo = ZaloMessage(template_id, message.zalo_data, tracking_id=message.key, text=message.text)
    return import_string(settings.ZALO_BACKEND)().send(message.phone, zalo)


def _send_email(message):
    send_mail(
        message.subject or message.text[:60], message.text, settings.DEFAULT_FROM_EMAIL,
        [message.email],
    )  # fmt: skip
    return ""


SENDERS = {Channel.SMS: _send_sms, Channel.ZALO: _send_zalo, Channel.EMAIL: _send_email}
