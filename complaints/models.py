"""A buyer's complaint about one producer's part of an order, the producer's answer,
an official's mediation and the outcome (README, "Legal duties")."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from marketplace.money import VndField
from marketplace.storage import private_storage

MAX_PHOTOS = 3


@register_setting(icon="help")
class ComplaintRules(BaseGenericSetting):
    """The complaint deadlines of the operating regulations, kept as data."""

    window_days = models.PositiveSmallIntegerField(
        _("days after delivery a buyer may complain"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Counted from the part's last change (delivered, or sent)."),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days the producer has to answer"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Past it, an official mediates."),
    )

    class Meta:
        verbose_name = _("complaint rules")


class Reason(models.TextChoices):
    NOT_RECEIVED = "not_received", _("Not received")
    WRONG = "wrong", _("Not what was ordered")
    DAMAGED = "damaged", _("Damaged or spoiled")
    SHORT = "short", _("Less than ordered")
    QUALITY = "quality", _("Quality not as described")
    OTHER = "other", _("Other")


class State(models.TextChoices):
    OPEN = "open", _("Waiting for the producer's answer")
    ANSWERED = "answered", _("Answered by the producer")
    MEDIATION = "mediation", _("With an official")
    RESOLVED = "resolved", _("Resolved")


class Outcome(models.TextChoices):
    REFUND = "refund", _("Refund in full")
    PARTIAL_REFUND = "partial_refund", _("Partial refund")
    REJECTED = "rejected", _("Rejected")


class Complaint(models.Model):
    wagtail_reference_index_ignore = True

    part = models.ForeignKey(
        "orders.OrderPart",
        verbose_name=_("producer's part"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    text = models.TextField(_("what happened"), max_length=2000)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    answer_due_at = models.DateTimeField(_("answer due"))
    answer = models.TextField(_("producer's answer"), max_length=2000, blank=True)
    proposal = models.CharField(
        _("producer's proposal"), max_length=20, choices=Outcome.choices, blank=True
    )
    proposed_vnd = VndField(_("refund proposed (đồng)"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    refund_vnd = VndField(_("refund (đồng)"), null=True, blank=True)
    refund = models.ForeignKey(
        "payments.Refund",
        verbose_name=_("refund record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        permissions = [("mediate_complaint", _("Can mediate complaints"))]

    def __str__(self):
        return f"{self.part.order.code} · {self.get_reason_display()}"

    @property
    def is_late(self):
        return self.state == State.OPEN and timezone.now() > self.answer_due_at


class ComplaintPhoto(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(storage=private_storage, upload_to="complaints/")

    def __str__(self):
        return self.image.name
