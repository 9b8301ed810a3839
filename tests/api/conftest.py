from tests.search.conftest import backend, catalogue, search_index  # noqa: F401
