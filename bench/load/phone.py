"""What every load script sends to the stack as a buyer's or farmer's phone would: the
forms' fields read from the pages, the checkout form, and how long to wait for a state."""

import os
import random
import re
import time

# The stack scripts/stack.sh starts (nginx with TLS in front); SITE_URL for another.
HOST = os.environ.get("SITE_URL", "https://127.0.0.1:8443")

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUANTITY = re.compile(r'name="quantity" value="([^"]+)"')


def trusting(session):
    """The stack's self-signed certificate accepted (REQUESTS_CA_BUNDLE, when set, would
    override `verify=False`)."""
    session.verify, session.trust_env = False, False
    return session


def cash_on_delivery(buyer_name, commune, address):
    """The checkout form's fields, as a buyer fills them in."""
    return {
        "buyer_name": buyer_name,
        "buyer_phone": f"09{random.randint(10_000_000, 99_999_999)}",
        "buyer_email": "",
        "commune": commune,
        "address": address,
        "note": "",
        "payment_method": "cod",
        "accept_regulations": "on",
    }


def waited(check, seconds, every=1):
    """Seconds until check() held, or None if it did not within `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(every)
    return None


def index_converged(status):
    """`search_index status` says the index equals the database and nothing waits."""
    return "equal, document by document" in status and "pending outbox rows: 0" in status
