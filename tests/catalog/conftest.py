import pytest

from tests.factories import ProducerFactory


@pytest.fixture
def farm(farmer, helper, cai_be):
    """A verified producer owned by `farmer` and helped by `helper`."""
    return ProducerFactory(
        display_name="Vườn xoài Út Ba", owner=farmer, helper=helper, commune=cai_be
    )


@pytest.fixture
def other_farm(other_farmer, cai_be):
    return ProducerFactory(display_name="Vườn bưởi Tư Hiền", owner=other_farmer, commune=cai_be)
