"""What the operator of an e-commerce platform must keep: who each seller is, how it
was checked, and what authorities asked to take down (README, "Legal duties")."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from marketplace.storage import private_storage

from . import identity_numbers, sealing


@register_setting(icon="law")
class LegalDeadlines(BaseGenericSetting):
    """Deadlines and durations set by law or by the operator's regulations, kept as data:
    today's values are the defaults, officials change them when the rules change."""

    takedown_hours = models.PositiveSmallIntegerField(
        _("hours to remove a listing an authority named"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
        help_text=_(
            "Decree 52/2013/NĐ-CP, Article 36, as amended by Decree 85/2021/NĐ-CP: 24 hours."
        ),
    )
    identity_check_days = models.PositiveSmallIntegerField(
        _("days an identity check stays valid"),
        default=730,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_(
            "After this, or on the ID card's expiry if sooner, the seller is checked again."
        ),
    )
    warnings_before_suspension = models.PositiveSmallIntegerField(
        _("violations in 12 months that suspend a seller"),
        default=3,
        validators=[MaxValueValidator(100)],
        help_text=_("0: never suspend by count; officials decide each time."),
    )

    class Meta:
        verbose_name = _("legal deadlines")


class IdentityMethod(models.TextChoices):
    VNEID = "vneid", _("VNeID (national electronic identification)")
    IN_PERSON = "in_person", _("In person, against the chip ID card")


class IdentityCheck(models.Model):
    """How the representative of a producer was shown to be who they say, and until when."""

    wagtail_reference_index_ignore = True

    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        related_name="identity_checks",
    )
    method = models.CharField(_("method"), max_length=20, choices=IdentityMethod.choices)
    full_name = models.CharField(_("full name on the ID"), max_length=120)
    # Encrypted (compliance.sealing); found only by an exact match of the keyed hash.
    citizen_id_sealed = models.TextField(blank=True, editable=False)
    citizen_id_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    business_registration = models.CharField(
        _("business registration number"), max_length=30, blank=True
    )
    card_photo = models.FileField(
        _("photo of the ID card"), storage=private_storage, upload_to="identity", blank=True
    )
    provider_subject = models.CharField(max_length=255, blank=True, editable=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    expires_on = models.DateField(_("valid until"))

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("identity check")
        verbose_name_plural = _("identity checks")

    def __str__(self):
        return f"{self.producer} · {self.get_method_display()}"

    @property
    def citizen_id(self):
        return sealing.unseal(self.citizen_id_sealed)

    @citizen_id.setter
    def citizen_id(self, number):
        self.citizen_id_sealed = sealing.seal(number)
        self.citizen_id_hash = sealing.lookup_hash(number)

    @property
    def masked_citizen_id(self):
        return identity_numbers.masked(self.citizen_id)

    def is_valid(self, today=None):
        return self.expires_on >= (today or timezone.localdate())


class Takedown(models.Model):
    """A competent authority's request to remove listings or sellers (Law on
    E-Commerce 122/2025/QH15; Decree 52/2013 Article 36 as amended by Decree 85/2021)."""

    wagtail_reference_index_ignore = True

    agency = models.CharField(_("authority"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=60)
    document_date = models.DateField(_("document date"))
    reason = models.CharField(_("reason"), max_length=500)
    received_at = models.DateTimeField(
        _("received at"),
        default=timezone.now,
        help_text=_("When the request reached the marketplace: the clock starts here."),
    )
    deadline_at = models.DateTimeField(_("deadline"), editable=False)
    products = models.ManyToManyField(
        "catalog.Product", verbose_name=_("listings"), blank=True, related_name="takedowns"
    )
    producers = models.ManyToManyField(
        "producers.Producer", verbose_name=_("sellers"), blank=True, related_name="takedowns"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    done_at = models.DateTimeField(_("carried out at"), null=True, blank=True, editable=False)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True, editable=False)
    lift_reason = models.CharField(_("why lifted"), max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("takedown request")
        verbose_name_plural = _("takedown requests")

    def __str__(self):
        return f"{self.document_number} · {self.agency}"

    @property
    def state(self):
        if self.done_at is None:
            return "past_deadline" if timezone.now() > self.deadline_at else "received"
        return "done_late" if self.done_at > self.deadline_at else "done"

    def get_state_display(self):
        return TAKEDOWN_STATES[self.state]

    @property
    def time_left(self):
        return self.deadline_at - timezone.now()

    def set_deadline(self, hours):
        self.deadline_at = self.received_at + timedelta(hours=hours)


TAKEDOWN_STATES = {
    "received": _("Received"),
    "past_deadline": _("Past the deadline"),
    "done": _("Done"),
    "done_late": _("Done after the deadline"),
}


class ViolationKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    SUSPENSION = "suspension", _("Suspension")


class Violation(models.Model):
    """A seller's breach of the rules, kept on its history: repeated ones suspend it."""

    wagtail_reference_index_ignore = True

    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.CASCADE, related_name="violations"
    )
    takedown = models.ForeignKey(
        Takedown, null=True, blank=True, on_delete=models.SET_NULL, related_name="violations"
    )
    kind = models.CharField(_("measure"), max_length=20, choices=ViolationKind.choices)
    reason = models.CharField(_("reason"), max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("violation")
        verbose_name_plural = _("violations")

    def __str__(self):
        return f"{self.producer}: {self.get_kind_display()}"
