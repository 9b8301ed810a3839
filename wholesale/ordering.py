"""Orders placed at an agreed price: an accepted offer's, and each week of a standing
order's."""

from orders import services as orders
from orders.cart import line_total
from orders.models import DeliveryMethod, PaymentMethod


class AgreedLine:
    """An offer's line as orders.place_order() reads a cart line: the offer's price holds
    whatever the list price is, and the stock is checked like any order's."""

    wholesale = True
    problem = ""
    placed = None

    def __init__(self, product, quantity, unit_price_vnd):
        self.product, self.quantity, self.unit_price_vnd = product, quantity, unit_price_vnd

    @property
    def total_vnd(self):
        return line_total(self.unit_price_vnd, self.quantity)

    def repriced(self, fresh):
        return False


def place(business, product, quantity, price_vnd, fee_vnd, **details):
    """An order at an agreed price, delivered by the producer for the agreed fee, paid on
    delivery (a business pays against its invoice)."""
    return orders.place_order(
        [AgreedLine(product, quantity, price_vnd)],
        buyer=business.user,
        deliveries={product.producer_id: DeliveryMethod.OWN},
        agreed_fees={product.producer_id: fee_vnd},
        buyer_name=business.name,
        buyer_phone=business.phone,
        buyer_email=business.email,
        payment_method=PaymentMethod.CASH_ON_DELIVERY,
        **details,
    )
