from tests.orders.conftest import farm, mango, other_farm, pomelo  # noqa: F401 (fixtures)
