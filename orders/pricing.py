"""The unit price a buyer pays for a quantity of a product: the list price, unless an app
above registers a policy that prices by buyer and quantity (wholesale's quantity tiers,
for approved business buyers). The policy is chosen here, per request, the way
django-oscar chooses a pricing strategy; the cart, the checkout and the locked re-check
of place_order() all ask it, so a price is read the same way at every step.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Price:
    vnd: int
    wholesale: bool = False  # a quantity (tier) price: the price board keeps it apart


def list_prices(products_quantities, buyer):
    return [Price(product.price_vnd) for product, _quantity in products_quantities]


_policy = list_prices


def register(policy):
    """policy([(product, quantity)], buyer) -> [Price], in the same order, in a fixed
    number of queries whatever the number of lines."""
    global _policy
    _policy = policy


def prices(products_quantities, buyer):
    return _policy(list(products_quantities), buyer)


def price_of(product, quantity, buyer):
    return prices([(product, quantity)], buyer)[0]
