from tests.catalog.conftest import farm  # noqa: F401 (fixture)
from tests.orders.conftest import mango  # noqa: F401 (fixture)
