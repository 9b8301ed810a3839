"""The outbox of messages to people (SMS, Zalo, e-mail) and its delivery log."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ZALO = "zalo", "Zalo"
    SMS = "sms", "SMS"
    EMAIL = "email", _("E-mail")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Message(models.Model):
    """One message to one person, written in the transaction of the change it tells of
    and sent after commit. `key` makes it once: a second write of the same event for
    the same person is the same row, and gateways that dedupe get it as a request id."""

    key = models.CharField(max_length=160, unique=True)
    event = models.CharField(_("event"), max_length=60)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    text = models.TextField(_("text"))
    subject = models.CharField(max_length=200, blank=True)
    zalo_template = models.CharField(max_length=60, blank=True)
    zalo_data = models.JSONField(default=dict, blank=True)
    # The channels to try, in order (Zalo, then SMS, then e-mail), and the one being tried.
    channels = models.JSONField(default=list)
    channel_index = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(_("tries on this channel"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_channel = models.CharField(
        _("sent by"), max_length=10, choices=Channel.choices, blank=True
    )
    gateway_id = models.CharField(max_length=100, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="message_due")]

    def __str__(self):
        return f"{self.event} → {self.phone or self.email}"

    @property
    def channel(self):
        return self.channels[self.channel_index] if self.channel_index < len(self.channels) else ""


class Attempt(models.Model):
    """The delivery log: each try of a message on a channel, and what the gateway said."""

    class Outcome(models.TextChoices):
        SENT = "sent", _("Sent")
        RETRY = "retry", _("Will retry")
        FAILED = "failed", _("Failed on this channel")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="log")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    error = models.CharField(_("error"), max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self):
        return f"{self.channel} {self.outcome}"


class GatewayToken(models.Model):
    """A gateway's access token and the refresh token that renews it (Zalo's refresh
    token is good for one use only, so it cannot live in the environment)."""

    name = models.CharField(max_length=40, unique=True)
    access_token = models.TextField(blank=True)
    refresh_token = models.TextField(blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.name


class Preference(models.Model):
    """How one phone wants to be reached. Without a row: every channel it has. Codes and
    security notices do not ask (they go straight through SMS_BACKEND)."""

    phone = models.CharField(_("phone"), max_length=20, unique=True)
    zalo = models.BooleanField(_("by Zalo"), default=True)
    sms = models.BooleanField(_("by text message (SMS)"), default=True)
    email = models.BooleanField(_("by e-mail"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return self.phone

    def allows(self, channel):
        return getattr(self, channel)
