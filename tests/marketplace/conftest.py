from tests.catalog.conftest import farm  # noqa: F401 (fixture)
