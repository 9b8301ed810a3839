import itertools
from decimal import Decimal

import pytest

from orders.cart import CartLine
from orders.models import PaymentMethod
from orders.services import place_order
from payments.models import BankAccount
from tests.orders.conftest import farm, mango, other_farm, pomelo  # noqa: F401 (fixtures)
from tests.stripe_payloads import checkout_session, stripe_signature_header

WEBHOOK_SECRET = "whsec_test_chonongsan"
WEBHOOK = "/payments/stripe/webhook/"


@pytest.fixture(autouse=True)
def stripe_settings(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_SECRET_KEY or "sk_test_123"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET


_buyers = itertools.count(1)


def order_of(products, method, commune, **quantities):
    """An order placed through the orders service, {product: quantity}, each by another
    buyer (one phone may hold only a few unpaid orders)."""
    return place_order(
        [CartLine(product, Decimal(quantity), product.price_vnd) for product, quantity in products],
        buyer_name="Lê Thị Mai",
        buyer_phone=f"+8490312{next(_buyers) % 10_000:04d}",
        buyer_email="mai@example.vn",
        commune=commune,
        address="12 Ấp Bắc",
        payment_method=method,
    )


@pytest.fixture
def account(farm):  # noqa: F811 (the imported fixture)
    return BankAccount.objects.create(
        producer=farm,
        bank_bin="970405",
        account_number="1234567890123",
        account_holder="NGUYEN VAN BA",
    )


@pytest.fixture
def transfer_order(account, mango, cai_be):  # noqa: F811 (the imported fixture)
    return order_of([(mango, "2")], PaymentMethod.BANK_TRANSFER, cai_be)


def signed_post(client, payload, secret=WEBHOOK_SECRET, timestamp=None):
    return client.post(
        WEBHOOK,
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signature_header(payload, secret, timestamp),
    )


def session_object(payment, **overrides):
    overrides = {"payment_intent": payment.stripe_payment_intent or "pi_test_paid", **overrides}
    return checkout_session(
        payment.stripe_session_id, payment.amount_vnd, payment.order_id, payment.pk, **overrides
    )


def charge_object(payment, amount_refunded, **overrides):
    return {
        "id": "ch_test_1",
        "object": "charge",
        "payment_intent": payment.stripe_payment_intent,
        "amount": payment.amount_vnd,
        "amount_refunded": amount_refunded,
        "currency": "vnd",
        "metadata": {},
        **overrides,
    }
