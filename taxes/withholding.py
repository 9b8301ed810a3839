"""Withholding on card sales (Decree 117/2025/NĐ-CP, Articles 4 and 5): at the moment a
card payment is confirmed each household or individual seller's part has its VAT and
personal income tax withheld, at the rates of that day, on its revenue by kind of
supply (its goods by category; its delivery fee as transport); a refund offsets its
share in the month it happens; what the marketplace owes the producer is net of it.

Cash on delivery and VietQR transfers go to the producer directly: nothing withheld,
the producer declares them (taxes.statements)."""

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orders.models import PaymentMethod
from payments.ledger import Deduction
from payments.models import RefundStatus

from .models import CategoryRule, SellerKindRule, SupplyKind, Withholding, WithholdingRate

WITHHELD = Deduction(
    name="withheld",
    label=_("Tax withheld (đồng)"),
    rows=lambda parts: Withholding.objects.filter(part__in=parts),
    producer_path="producer",
    amount=F("vat_vnd") + F("pit_vnd"),
)


def month_of(moment):
    return timezone.localdate(moment).replace(day=1)


def rates_on(day):
    """{supply kind: (VAT %, PIT %)} in force on `day`."""
    rates = {}
    for rate in WithholdingRate.objects.filter(valid_from__lte=day).order_by("valid_from"):
        rates[rate.supply_kind] = (rate.vat_percent, rate.pit_percent)
    return rates


def highest(rates):
    """Article 5(2): a supply whose kind is unknown is taxed at the highest rate."""
    if not rates:
        return (0, 0)
    return (max(vat for vat, _pit in rates.values()), max(pit for _vat, pit in rates.values()))


def is_withheld(producer):
    rule = SellerKindRule.objects.filter(producer_kind=producer.kind).first()
    return rule.withheld if rule else True  # a kind nobody ruled on: the law's default


def _rule_for(category, rules):
    """The rule of the category or its nearest ancestor with one."""
    best = None
    for rule in rules:
        if category.path.startswith(rule.category.path) and (
            best is None or len(rule.category.path) > len(best.category.path)
        ):
            best = rule
    return best


def tax(revenue, percent):
    """Whole đồng, half up: percent has two decimals, so work in hundredths of a percent."""
    hundredths = int(round(percent * 100))
    sign = -1 if revenue < 0 else 1
    return sign * ((abs(revenue) * hundredths + 5000) // 10000)


def computed(part, day):
    """(revenue, VAT, PIT) of a part on `day`: per line by its category's rule, the
    delivery fee as transport."""
    rates = rates_on(day)
    rules = list(CategoryRule.objects.select_related("category"))
    vat = pit = 0
    pieces = [
        (line.total_vnd, _rule_for(line.product.category, rules))
        for line in part.lines.select_related("product__category")
    ]
    for revenue, rule in pieces:
        kind = rule.supply_kind if rule else SupplyKind.GOODS
        vat_rate, pit_rate = rates.get(kind, highest(rates))
        vat += 0 if rule and rule.vat_exempt else tax(revenue, vat_rate)
        pit += 0 if rule and rule.pit_exempt else tax(revenue, pit_rate)
    if part.delivery_fee_vnd:
        vat_rate, pit_rate = rates.get(SupplyKind.TRANSPORT, highest(rates))
        vat += tax(part.delivery_fee_vnd, vat_rate)
        pit += tax(part.delivery_fee_vnd, pit_rate)
    return part.total_vnd, vat, pit


def withhold_card_payment(payment, **facts):
    """Listener of payments' "card_paid", inside its transaction: once per part."""
    if payment.order.payment_method != PaymentMethod.CARD:
        return
    paid_at = payment.paid_at or timezone.now()
    for part in payment.order.parts.select_related("producer"):
        if not is_withheld(part.producer) or part.withholdings.filter(refund=None).exists():
            continue
        revenue, vat, pit = computed(part, timezone.localdate(paid_at))
        Withholding.objects.create(
            part=part, producer=part.producer, period=month_of(paid_at),
            revenue_vnd=revenue, vat_vnd=vat, pit_vnd=pit,
        )  # fmt: skip


def follow_the_weight(part, before_vnd):
    """Listener of orders' "part_reweighed": a part withheld on before it was weighed has
    the difference withheld (or given back) in the month it was weighed."""
    so_far = Withholding.objects.filter(part=part, refund=None).aggregate(
        revenue=Sum("revenue_vnd"), vat=Sum("vat_vnd"), pit=Sum("pit_vnd")
    )
    if so_far["revenue"] is None:
        return  # nothing withheld: not paid by card, or not a seller withheld on
    revenue, vat, pit = computed(part, timezone.localdate())
    if revenue == so_far["revenue"]:
        return
    Withholding.objects.create(
        part=part, producer=part.producer, period=month_of(timezone.now()),
        revenue_vnd=revenue - so_far["revenue"], vat_vnd=vat - so_far["vat"],
        pit_vnd=pit - so_far["pit"], reweighed=True,
    )  # fmt: skip


def offset_refunds(payment, **facts):
    """Listener of payments' "card_refunds_settled": each refund that went back offsets its
    share of the part's withholding, never more than what is left of it."""
    refunds = payment.refunds.filter(status=RefundStatus.SUCCEEDED, withholding=None).exclude(
        part=None
    )
    for refund in refunds.select_related("part"):
        with transaction.atomic():
            withheld = (
                Withholding.objects.select_for_update()
                .filter(part=refund.part, refund=None, reweighed=False)
                .first()
            )
            if withheld is None:
                continue
            left = Withholding.objects.filter(part=refund.part).aggregate(
                revenue=Sum("revenue_vnd"), vat=Sum("vat_vnd"), pit=Sum("pit_vnd")
            )
            share = min(refund.amount_vnd, left["revenue"])
            vat = min(left["vat"], _share(withheld.vat_vnd, share, withheld.revenue_vnd))
            pit = min(left["pit"], _share(withheld.pit_vnd, share, withheld.revenue_vnd))
            Withholding.objects.create(
                part=refund.part, producer=withheld.producer, refund=refund,
                period=month_of(timezone.now()), revenue_vnd=-share, vat_vnd=-vat, pit_vnd=-pit,
            )  # fmt: skip


def _share(amount, part_of, whole):
    return (amount * part_of * 2 + whole) // (2 * whole) if whole else 0
