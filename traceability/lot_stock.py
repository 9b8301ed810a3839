"""Stock kept by lot. Once a product has a lot, its stock is what its lots not past their
best-before day have left: orders take from the lot that expires first (first expiry,
first out) while catalog.stock holds the product locked, each order line records what
it took from which lot, a cancelled part gives it back, and a lot past its best-before
day stops selling by itself (recount(), from the checkout and the hourly task)."""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import stock
from marketplace.formatting import format_quantity

from .models import Lot, LotTake


def keeps(product):
    return product.pk is not None and Lot.objects.filter(product_id=product.pk).exists()


@transaction.atomic
def recount(product_ids):
    """Retire the lots past their day and set each product's stock to what its lots have
    left. The products are locked first, as every stock change locks them."""
    product_ids = sorted(set(product_ids))
    list(stock.lock(product_ids).order_by("pk").values_list("pk", flat=True))
    Lot.objects.filter(
        product_id__in=product_ids, best_before__lt=timezone.localdate(), remaining__gt=0
    ).update(expired_unsold=F("expired_unsold") + F("remaining"), remaining=0)
    left = dict(
        Lot.objects.filter(product_id__in=product_ids)
        .values("product_id")
        .annotate(left=Sum("remaining"))
        .values_list("product_id", "left")
    )
    stock.set_levels({pk: left[pk] for pk in product_ids if pk in left})


def retire_expired():
    """The hourly task: products whose lots passed their day since."""
    expired = Lot.objects.filter(best_before__lt=timezone.localdate(), remaining__gt=0)
    product_ids = list(expired.values_list("product_id", flat=True).distinct())
    if product_ids:
        recount(product_ids)
    return len(product_ids)


def take(lines, **_facts):
    """The orders app's "stock_taken": each line's quantity from the product's lots, first
    expiry first; ValidationError (the order is not kept) if the lots on sale are short."""
    by_product = defaultdict(list)
    for line in lines:
        by_product[line.product_id].append(line)
    kept = set(
        Lot.objects.filter(product_id__in=list(by_product))
        .values_list("product_id", flat=True)
        .distinct()
    )
    if not kept:
        return
    today = timezone.localdate()
    takes, problems = [], []
    for product_id in sorted(kept):
        lots = list(
            Lot.objects.select_for_update()
            .filter(product_id=product_id, remaining__gt=0, best_before__gte=today)
            .order_by("best_before", "pk")
        )
        for line in by_product[product_id]:
            wanted = Decimal(line.quantity)
            for lot in lots:
                taken = min(wanted, lot.remaining)
                if taken <= 0:
                    continue
                lot.remaining -= taken
                wanted -= taken
                takes.append(LotTake(lot=lot, line=line, quantity=taken))
            if wanted > 0:
                problems.append(
                    _("Only %(left)s %(unit)s of “%(name)s” are left.")
                    % {
                        "left": format_quantity(Decimal(line.quantity) - wanted),
                        "unit": line.unit,
                        "name": line.product_name,
                    }
                )
        Lot.objects.bulk_update(lots, ["remaining"])
    if problems:
        raise ValidationError(problems)
    LotTake.objects.bulk_create(takes)
    recount(kept)


def give_back(part, lines, **_facts):
    """The orders app's "order_part_cancelled": each take back to its lot, or to the lot's
    expired quantity if the lot passed its day meanwhile."""
    takes = list(
        LotTake.objects.select_for_update()
        .filter(line__in=lines, given_back=False)
        .select_related("lot")
        .order_by("lot_id", "pk")
    )
    if not takes:
        return
    today = timezone.localdate()
    for lot_take in takes:
        lot = lot_take.lot
        field = "remaining" if lot.best_before >= today else "expired_unsold"
        Lot.objects.filter(pk=lot.pk).update(**{field: F(field) + lot_take.quantity})
    LotTake.objects.filter(pk__in=[t.pk for t in takes]).update(given_back=True)
    recount({lot_take.lot.product_id for lot_take in takes})


def taken_by(lines):
    """{order line id: [(lot, quantity)]}, for the order pages."""
    taken = defaultdict(list)
    for lot_take in LotTake.objects.filter(line__in=lines, given_back=False).select_related("lot"):
        taken[lot_take.line_id].append((lot_take.lot, lot_take.quantity))
    return taken
