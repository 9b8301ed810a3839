from tests.orders.conftest import farm, mango, other_farm, pomelo  # noqa: F401 (fixtures)
from tests.payments.conftest import stripe_settings  # noqa: F401 (card payments offered)
