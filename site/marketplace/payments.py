"""The one place that builds the Stripe client from settings.

Amounts are whole đồng: VND is a zero-decimal currency for Stripe, so
150.000 ₫ is sent as amount=150000.
"""

import stripe
from django.conf import settings

CURRENCY = "vnd"


def stripe_client():
    base_addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else {}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base_addresses,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT),
        max_network_retries=1,
    )
