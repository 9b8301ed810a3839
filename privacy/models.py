"""The data subject's requests and the breach register (Law 91/2025/QH15 and Decree
356/2025/NĐ-CP; README, "Legal duties")."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


def _hours(label, help_text):
    return models.PositiveSmallIntegerField(
        label,
        default=72,
        validators=[MinValueValidator(1), MaxValueValidator(2160)],
        help_text=help_text,
    )


@register_setting(icon="lock")
class PrivacyDeadlines(BaseGenericSetting):
    """Deadlines of the personal-data law, kept as data: today's values are the defaults."""

    erasure_hours = _hours(
        _("hours to carry out a deletion request"),
        _("Law 91/2025/QH15, Article 14, with Decree 356/2025/NĐ-CP: 72 hours."),
    )
    breach_report_hours = _hours(
        _("hours to report a breach to the authority"),
        _("Law 91/2025/QH15 (breach notification), as Decree 13/2023/NĐ-CP Article 23: 72 hours."),
    )

    class Meta:
        verbose_name = _("personal data deadlines")


class RequestKind(models.TextChoices):
    DOWNLOAD = "download", _("Copy of one's data")
    ERASURE = "erasure", _("Deletion of one's data")


class RequestState(models.TextChoices):
    RECEIVED = "received", _("Received")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused")


class DataRequest(models.Model):
    """A person's request about their data, with its deadline and its answer."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="data_requests",
    )
    kind = models.CharField(_("request"), max_length=20, choices=RequestKind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.RECEIVED
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_at = models.DateTimeField(_("deadline"))
    done_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.CharField(_("answer"), max_length=500, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        permissions = [("handle_datarequest", _("Can carry out or refuse personal data requests"))]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.received_at:%d/%m/%Y}"

    @property
    def is_late(self):
        return self.state == RequestState.RECEIVED and timezone.now() > self.due_at


class Breach(models.Model):
    """A personal data breach: what happened, to whom, what was done, and when it was
    reported (to the Ministry of Public Security's A05 department) and told to the people."""

    detected_at = models.DateTimeField(_("found at"), default=timezone.now)
    description = models.TextField(_("what happened"))
    data_affected = models.CharField(_("which data"), max_length=300)
    people_affected = models.PositiveIntegerField(_("people affected (about)"))
    measures = models.TextField(_("what was done"), blank=True)
    reported_at = models.DateTimeField(_("reported to the authority at"), null=True, blank=True)
    people_told_at = models.DateTimeField(_("people told at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-detected_at", "-pk"]
        verbose_name = _("personal data breach")
        verbose_name_plural = _("personal data breaches")

    def __str__(self):
        return f"{self.detected_at:%d/%m/%Y} · {self.data_affected}"

    @property
    def report_due_at(self):
        hours = PrivacyDeadlines.load().breach_report_hours
        return self.detected_at + timedelta(hours=hours)

    @property
    def report_is_late(self):
        return self.reported_at is None and timezone.now() > self.report_due_at
