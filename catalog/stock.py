"""Stock: taken by orders and given back by cancellations, only here, under row locks.

reserve() locks every product of an order in one order (by id, so two orders
never wait for each other crosswise), checks them all, and only then takes the
quantities: an order gets all its lines or none. The lock is FOR NO KEY UPDATE, all
that a stock change needs: it queues the other stock changes of the product but not
the rows that refer to it (order lines, carts). It lasts until the caller's
transaction commits, so callers reserve as late as they can.

A product whose counted stock reaches zero becomes sold out through the listing
rule, so the officials' figures and the search index follow; given-back stock puts
it on sale again.

An app above may keep a product's stock in finer records (traceability's lots): it
registers with keep_elsewhere(), sets the product's level through set_levels() under
the same locks, and the producer's forms then leave the stock figure alone.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.formatting import format_quantity

from .listing import after_change
from .models import Product, ProductStatus


# Its callers let a refusal end their whole transaction: no savepoint, two round trips less.
@transaction.atomic(savepoint=False)
def reserve(quantities):
    """Take {product id: quantity} from stock; return the locked products by id."""
    products = {product.pk: product for product in lock(quantities).order_by("pk")}
    problems = []
    for pk, quantity in quantities.items():
        product = products.get(pk)
        if product is None or not product.is_listed or product.status != ProductStatus.ACTIVE:
            name = product.name if product else str(pk)
            problems.append(_("“%(name)s” is no longer for sale.") % {"name": name})
        elif product.stock_quantity is not None and product.stock_quantity < quantity:
            problems.append(
                _("Only %(left)s %(unit)s of “%(name)s” are left.")
                % {
                    "left": format_quantity(product.stock_quantity),
                    "unit": product.get_unit_display(),
                    "name": product.name,
                }
            )
    if problems:
        raise ValidationError(problems)
    sold_out = []
    for pk, quantity in quantities.items():
        product = products[pk]
        if product.stock_quantity is None:
            continue
        product.stock_quantity -= Decimal(quantity)
        fields = ["stock_quantity"]
        if product.stock_quantity <= 0:
            product.status = ProductStatus.SOLD_OUT
            fields.append("status")
            sold_out.append(pk)
        _write(product, fields)
    if sold_out:
        after_change(Product.objects.filter(pk__in=sold_out), moved=False)
    return products


_keepers = []
KEPT_ELSEWHERE = gettext_lazy(
    "The stock of this product is kept by its lots: record a lot to add to it."
)


def keep_elsewhere(keeps):
    """keeps(product) -> True when the product's stock is kept by the registering app."""
    _keepers.append(keeps)


def kept_elsewhere(product):
    return any(keeps(product) for keeps in _keepers)


@transaction.atomic
def set_levels(levels):
    """Set {product id: quantity} (an app keeping stock elsewhere): a product at zero
    stops selling, one given stock sells again."""
    changed = []
    for product in lock(levels).order_by("pk"):
        product.stock_quantity = Decimal(levels[product.pk])
        if product.stock_quantity <= 0 and product.status == ProductStatus.ACTIVE:
            product.status = ProductStatus.SOLD_OUT
        elif product.stock_quantity > 0 and product.status == ProductStatus.SOLD_OUT:
            product.status = ProductStatus.ACTIVE
        _write(product, ["stock_quantity", "status"])
        changed.append(product.pk)
    if changed:
        after_change(Product.objects.filter(pk__in=changed), moved=False)


@transaction.atomic
def release(quantities):
    """Give {product id: quantity} back (a cancelled order part)."""
    back_on_sale = []
    for product in lock(quantities).order_by("pk"):
        if product.stock_quantity is None:
            continue
        product.stock_quantity += Decimal(quantities[product.pk])
        fields = ["stock_quantity"]
        if product.status == ProductStatus.SOLD_OUT and product.stock_quantity > 0:
            product.status = ProductStatus.ACTIVE
            fields.append("status")
            back_on_sale.append(product.pk)
        _write(product, fields)
    if back_on_sale:
        after_change(Product.objects.filter(pk__in=back_on_sale), moved=False)


def lock(product_ids):
    """The products, locked for a stock change until the transaction ends."""
    return Product.objects.select_for_update(no_key=True).filter(pk__in=list(product_ids))


def _write(product, fields):
    """One UPDATE of the changed fields. Not save(): a stock change alters neither the
    search text nor any reference, and save() would read the category, the producer and
    the photos for them (Wagtail's reference index) while the row is locked."""
    product.updated_at = timezone.now()
    Product.objects.filter(pk=product.pk).update(
        **{field: getattr(product, field) for field in [*fields, "updated_at"]}
    )
