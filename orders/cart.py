"""The buyer's cart, kept in the session, and for a signed-in buyer also in the
database (SavedCart), merged into the browser's cart at log-in.

Only product ids, quantities and the price the buyer saw are kept; products and
prices are always read again from the database, and a line whose product is no
longer for sale, lacks the stock, or changed price is flagged, never silently changed.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from catalog.models import Product, ProductStatus
from marketplace.formatting import format_vnd
from marketplace.parsing import plain_decimal

from . import pricing
from .models import OrderLine, SavedCart

SESSION_KEY = "cart"
MAX_LINES = 50


def line_total(unit_price_vnd, quantity):
    """What a line costs in whole đồng: every order line, as placed and as weighed."""
    return int(unit_price_vnd * quantity)


@dataclass
class CartLine:
    product: Product
    quantity: Decimal
    price_seen: int  # the unit price the buyer was shown for this quantity
    problem: str = ""
    placed: OrderLine | None = None  # set by orders.services.place_order()
    price: pricing.Price | None = None  # set by pricing; the list price until then

    @property
    def unit_price_vnd(self):
        return self.price.vnd if self.price else self.product.price_vnd

    @property
    def wholesale(self):
        return bool(self.price and self.price.wholesale)

    def repriced(self, fresh):
        """Whether the price read again under the product's lock (a pricing.Price)
        differs from the one the buyer was shown."""
        return fresh.vnd != self.price_seen

    @property
    def total_vnd(self):
        return line_total(self.unit_price_vnd, self.quantity)


def parse_quantity(raw):
    """A quantity typed with a decimal comma or point, or None."""
    quantity = plain_decimal(str(raw))
    if quantity is None or not 0 < quantity <= 100_000:
        return None
    return quantity if quantity.as_tuple().exponent >= -2 else None


class Cart:
    def __init__(self, session, user=None):
        self.session = session
        self.user = user if user is not None and user.is_authenticated else None
        self.items = session.get(SESSION_KEY, {})

    def save(self):
        self.session[SESSION_KEY] = self.items
        self.session.modified = True
        if self.user is not None:
            SavedCart.objects.update_or_create(user=self.user, defaults={"items": self.items})

    def merge_saved(self):
        """At log-in: what the account's cart holds joins what this browser's cart holds
        (this browser's quantities win for a product in both)."""
        saved = SavedCart.objects.filter(user=self.user).first() if self.user else None
        if saved and saved.items:
            self.items = {**saved.items, **self.items}
        if self.items:
            self.save()

    def __len__(self):
        return len(self.items)

    def put(self, product, quantity):
        """Set the quantity of a product (added or changed), at today's price for it."""
        if str(product.pk) not in self.items and len(self.items) >= MAX_LINES:
            raise ValueError(_("The cart holds at most %(count)s products.") % {"count": MAX_LINES})
        price = pricing.price_of(product, quantity, self.user)
        self.items[str(product.pk)] = {"quantity": str(quantity), "price": price.vnd}
        self.save()

    def remove(self, product_id):
        self.items.pop(str(product_id), None)
        self.save()

    def clear(self):
        self.items = {}
        self.save()

    def lines(self):
        """The lines with fresh products, each flagged with what stands in its way."""
        products = Product.objects.select_related("producer").in_bulk(
            [int(pk) for pk in self.items if pk.isdigit()]
        )
        lines = []
        for pk, item in self.items.items():
            product = products.get(int(pk)) if pk.isdigit() else None
            if product is None:
                continue
            lines.append(CartLine(product, Decimal(item["quantity"]), item["price"]))
        for line, price in zip(
            lines,
            pricing.prices(((line.product, line.quantity) for line in lines), self.user),
            strict=True,
        ):
            line.price = price
            line.problem = line_problem(line)
        lines.sort(key=lambda line: (line.product.producer.display_name, line.product.name))
        return lines


def buy_again(cart, order):
    """The lines of a past order back in the cart, each checked again like one the buyer
    adds (still on sale, its step, minimum and stock; today's price). Returns the names
    added and, for the others, (name, why)."""
    from .models import OrderLine

    lines = OrderLine.objects.filter(part__order=order).order_by("pk")
    lines = list(lines.values_list("product_id", "product_name", "quantity"))
    products = Product.objects.public().in_bulk([pk for pk, _name, _quantity in lines])
    added, refused = [], []
    for pk, name, quantity in lines:
        product = products.get(pk)
        problem = _("no longer for sale") if product is None else product.quantity_error(quantity)
        if not problem:
            try:
                cart.put(product, quantity)
            except ValueError as error:
                problem = str(error)
        if problem:
            refused.append((name, problem))
        else:
            added.append(product.name)
    return added, refused


def merge_at_log_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        Cart(request.session, user).merge_saved()


def line_problem(line):
    product = line.product
    if not product.is_listed or product.status != ProductStatus.ACTIVE:
        return _("No longer for sale.")
    if line.unit_price_vnd != line.price_seen:
        return _("The price changed from %(old)s to %(new)s: check it and update the line.") % {
            "old": format_vnd(line.price_seen),
            "new": format_vnd(line.unit_price_vnd),
        }
    if product.stock_quantity is not None and product.stock_quantity < line.quantity:
        return _("Not enough left: change the quantity.")
    return product.quantity_error(line.quantity) or ""


def by_producer(lines):
    """[(producer, lines, subtotal)], the cart as it will be split into order parts."""
    groups = {}  # in the order the producers first appear; their lines need not be together
    for line in lines:
        groups.setdefault(line.product.producer_id, []).append(line)
    return [
        (group[0].product.producer, group, sum(line.total_vnd for line in group))
        for group in groups.values()
    ]
