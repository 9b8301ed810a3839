"""The unit price a buyer pays for a quantity of a product: the list price, unless an app
above registers a policy that prices by buyer and quantity (wholesale's quantity tiers,
for approved business buyers). The policy is chosen here, per request, the way
django-oscar chooses a pricing strategy; the cart, the checkout and the re-check under
the products' locks in place_order() all ask it, so a price is read the same way at every
step.

A policy is a quoter: made for some lines and a buyer, it reads what it needs then (in a
fixed number of queries), and prices a (product, quantity) without any query, so that
place_order() prices the locked products again without querying while it holds the locks.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Price:
    vnd: int
    wholesale: bool = False  # a quantity (tier) price: the price board keeps it apart


def list_price_quoter(products_quantities, buyer):
    return lambda product, quantity: Price(product.price_vnd)


_quoter = list_price_quoter


def register(quoter):
    """quoter([(product, quantity)], buyer) -> price(product, quantity) -> Price."""
    global _quoter
    _quoter = quoter


def quoter(products_quantities, buyer):
    return _quoter(list(products_quantities), buyer)


def prices(products_quantities, buyer):
    products_quantities = list(products_quantities)
    price = quoter(products_quantities, buyer)
    return [price(product, quantity) for product, quantity in products_quantities]


def price_of(product, quantity, buyer):
    return prices([(product, quantity)], buyer)[0]
