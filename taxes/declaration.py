"""The monthly declaration of tax withheld (Decree 117/2025/NĐ-CP, Article 11: the platform
declares monthly), one row per seller, and each producer's year in the portal."""

from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from compliance.identity import current_check
from orders.models import OrderPart, PartStatus, PaymentMethod
from producers.models import Producer

from .models import Withholding


@dataclass
class DeclarationRow:
    producer: object
    tax_id: str
    revenue: int
    vat: int
    pit: int

    @property
    def display_name(self):
        return self.producer.legal_name or self.producer.display_name

    @property
    def total(self):
        return self.vat + self.pit


def tax_id(producer):
    """What the tax office knows the seller by: its tax code, else its citizen ID (since
    July 2025 the personal tax code, Circular 86/2024/TT-BTC)."""
    check = current_check(producer) or producer.identity_checks.first()
    if check is None:
        return ""
    return check.tax_code or check.citizen_id


def monthly(period, withholdings=None):
    """Per seller, the month's revenue and tax withheld; of `withholdings` when given."""
    rows = (
        (Withholding.objects.all() if withholdings is None else withholdings)
        .filter(period=period)
        .values("producer")
        .annotate(revenue=Sum("revenue_vnd"), vat=Sum("vat_vnd"), pit=Sum("pit_vnd"))
        .order_by("producer")
    )
    producers = Producer.objects.in_bulk([row["producer"] for row in rows])
    return sorted(
        (
            DeclarationRow(
                producer=producers[row["producer"]],
                tax_id=tax_id(producers[row["producer"]]),
                revenue=row["revenue"],
                vat=row["vat"],
                pit=row["pit"],
            )
            for row in rows
        ),
        key=lambda row: row.display_name,
    )


def yearly_statement(producer, year):
    """Per month: card revenue and the tax withheld on it, and the revenue paid in cash or
    by transfer, which the producer declares itself."""
    withheld = {
        row["period"].month: row
        for row in Withholding.objects.filter(producer=producer, period__year=year)
        .values("period")
        .annotate(revenue=Sum("revenue_vnd"), vat=Sum("vat_vnd"), pit=Sum("pit_vnd"))
    }
    own = {}
    for part in (
        OrderPart.objects.filter(
            producer=producer, status=PartStatus.DELIVERED, order__created_at__year=year
        )
        .exclude(order__payment_method=PaymentMethod.CARD)
        .select_related("order")
    ):
        month = timezone.localtime(part.order.created_at).month
        own[month] = own.get(month, 0) + part.total_vnd
    return [
        {
            "month": month,
            "card_revenue": withheld.get(month, {}).get("revenue", 0),
            "vat": withheld.get(month, {}).get("vat", 0),
            "pit": withheld.get(month, {}).get("pit", 0),
            "own_revenue": own.get(month, 0),
        }
        for month in range(1, 13)
    ]
