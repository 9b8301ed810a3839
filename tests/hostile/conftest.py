from tests.catalog.conftest import farm  # noqa: F401
from tests.orders.conftest import mango  # noqa: F401
