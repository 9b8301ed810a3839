"""Quantity prices: a producer's tiers on a product, and the pricing policy that applies
them (registered with orders.pricing in ready()) for approved business buyers, or for
everyone when the producer chose to show them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.formatting import format_quantity, format_vnd
from orders.pricing import Price

from .businesses import is_approved_buyer
from .models import MAX_QUANTITY, PriceTier

MAX_TIERS = 5


def tier_errors(product, tiers):
    """Why [(from quantity, price)] cannot be the product's tiers: [message], empty if
    they can. Each tier starts at a larger quantity than the one before and costs less,
    and every tier costs less than the list price."""
    errors = []
    if len(tiers) > MAX_TIERS:
        errors.append(_("At most %(count)s quantity prices.") % {"count": MAX_TIERS})
    previous_quantity, previous_price = Decimal(0), product.price_vnd
    for quantity, price in sorted(tiers, key=lambda tier: tier[0]):
        if quantity <= 0 or quantity > MAX_QUANTITY:
            errors.append(_("A quantity must be more than 0 and reasonable."))
        elif quantity == previous_quantity:
            errors.append(
                _("Two prices start at %(quantity)s: keep one.")
                % {"quantity": format_quantity(quantity)}
            )
        elif quantity < product.min_order_quantity:
            errors.append(
                _("A quantity price cannot start below the minimum order (%(minimum)s).")
                % {"minimum": format_quantity(product.min_order_quantity)}
            )
        if price <= 0:
            errors.append(_("A price must be more than 0 đồng."))
        elif price >= previous_price:
            errors.append(
                _("From %(quantity)s the price (%(price)s) must be lower than for fewer "
                  "(%(before)s): larger quantities cost less.")
                % {"quantity": format_quantity(quantity), "price": format_vnd(price),
                   "before": format_vnd(previous_price)}
            )  # fmt: skip
        previous_quantity, previous_price = quantity, price
    return errors


@transaction.atomic
def set_tiers(product, tiers, *, public):
    """Replace the product's tiers; ValidationError (nothing changed) if they are wrong."""
    errors = tier_errors(product, tiers)
    if errors:
        raise ValidationError(errors)
    PriceTier.objects.filter(product=product).delete()
    PriceTier.objects.bulk_create(
        PriceTier(product=product, min_quantity=quantity, price_vnd=price, public=public)
        for quantity, price in sorted(tiers)
    )


def tiers_of(products):
    """{product id: [tier, smallest quantity first]} in one query."""
    found = {}
    for tier in PriceTier.objects.filter(product__in=[p.pk for p in products]):
        found.setdefault(tier.product_id, []).append(tier)
    return found


def visible_tiers(product, user):
    """The tiers a buyer is shown on the product's page, or []."""
    tiers = tiers_of([product]).get(product.pk, [])
    if tiers and (tiers[0].public or is_approved_buyer(user)):
        return tiers
    return []


def tiered_quoter(products_quantities, buyer):
    """The pricing policy: the tier a quantity reaches, if the buyer may have it. The tiers
    and whether the buyer is an approved business are read once, here."""
    tiers = tiers_of([product for product, _quantity in products_quantities])
    private = any(not steps[0].public for steps in tiers.values())
    approved = private and is_approved_buyer(buyer)

    def price(product, quantity):
        reached = [t for t in tiers.get(product.pk, []) if t.min_quantity <= quantity]
        tier = reached[-1] if reached else None
        # A list price lowered below a tier since: the buyer pays the lower one.
        if tier and (tier.public or approved) and tier.price_vnd < product.price_vnd:
            return Price(tier.price_vnd, wholesale=True)
        return Price(product.price_vnd)

    return price
