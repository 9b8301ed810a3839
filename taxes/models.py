"""Tax the marketplace withholds on what it collects for household and individual sellers
(Decree 117/2025/NĐ-CP): the rates and exemptions as data officials keep, and the
ledger of what was withheld and offset, month by month."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from producers.models import ProducerKind

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class SupplyKind(models.TextChoices):
    GOODS = "goods", _("Goods")
    SERVICES = "services", _("Services")
    TRANSPORT = "transport", _("Transport and services tied to goods")


class WithholdingRate(models.Model):
    """Decree 117/2025/NĐ-CP Article 5(2): the rates on revenue, per kind of supply, from a date."""

    supply_kind = models.CharField(_("kind of supply"), max_length=20, choices=SupplyKind.choices)
    vat_percent = models.DecimalField(
        _("VAT (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    pit_percent = models.DecimalField(
        _("personal income tax (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    valid_from = models.DateField(_("valid from"))
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        ordering = ["supply_kind", "-valid_from"]
        verbose_name = _("withholding rate")
        verbose_name_plural = _("withholding rates")
        constraints = [
            models.UniqueConstraint(fields=["supply_kind", "valid_from"], name="one_rate_per_day"),
            models.CheckConstraint(
                condition=models.Q(vat_percent__gte=0, vat_percent__lte=100)
                & models.Q(pit_percent__gte=0, pit_percent__lte=100),
                name="rate_is_a_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.get_supply_kind_display()}: {self.vat_percent} % + {self.pit_percent} %"


class SellerKindRule(models.Model):
    """Whose sales are withheld: households and individuals are (Decree 117 Article 2);
    an HTX or enterprise declares its own taxes."""

    producer_kind = models.CharField(
        _("kind of producer"), max_length=20, choices=ProducerKind.choices, unique=True
    )
    withheld = models.BooleanField(_("the marketplace withholds its taxes"))
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("seller kind rule")
        verbose_name_plural = _("seller kind rules")

    def __str__(self):
        return self.get_producer_kind_display()


class CategoryRule(models.Model):
    """A category's kind of supply, and any exemption officials record for it (with the
    article that grants it), for the category and those under it."""

    category = models.OneToOneField(
        "catalog.Category", verbose_name=_("category"), on_delete=models.CASCADE
    )
    supply_kind = models.CharField(
        _("kind of supply"), max_length=20, choices=SupplyKind.choices, default=SupplyKind.GOODS
    )
    vat_exempt = models.BooleanField(_("no VAT withheld"), default=False)
    pit_exempt = models.BooleanField(_("no personal income tax withheld"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("category tax rule")
        verbose_name_plural = _("category tax rules")

    def __str__(self):
        return str(self.category)


class Withholding(models.Model):
    """One line of the ledger: tax withheld on a card-paid part (at payment), its
    offset by a refund (negative), or the difference its weighing at harvest made
    (`reweighed`), in the month it happened."""

    wagtail_reference_index_ignore = True

    part = models.ForeignKey(
        "orders.OrderPart", verbose_name=_("producer's part"), on_delete=models.PROTECT,
        related_name="withholdings",
    )  # fmt: skip
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("producer"), on_delete=models.PROTECT,
        related_name="withholdings",
    )  # fmt: skip
    refund = models.OneToOneField(
        "payments.Refund", null=True, blank=True, on_delete=models.PROTECT,
        related_name="withholding",
    )  # fmt: skip
    period = models.DateField(_("month"), db_index=True)
    revenue_vnd = models.BigIntegerField(_("revenue (đồng)"))
    vat_vnd = models.BigIntegerField(_("VAT (đồng)"))
    pit_vnd = models.BigIntegerField(_("personal income tax (đồng)"))
    reweighed = models.BooleanField(_("after weighing"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period", "-pk"]
        verbose_name = _("tax withheld")
        verbose_name_plural = _("taxes withheld")
        constraints = [
            models.UniqueConstraint(
                fields=["part"],
                condition=models.Q(refund=None, reweighed=False),
                name="withheld_once_per_part",
            )
        ]

    def __str__(self):
        return f"{self.part} · {self.period:%m/%Y}"

    @property
    def total_vnd(self):
        return self.vat_vnd + self.pit_vnd
