from tests.orders.conftest import farm, mango, other_farm, pomelo  # noqa: F401 (fixtures)
from tests.payments.conftest import stripe_settings  # noqa: F401 (fixtures)
from tests.payments.test_ledger import couriered  # noqa: F401 (fixtures)
