import pytest

from orders.models import Order
from tests.factories import ProducerFactory, ProductFactory


@pytest.fixture
def farm(farmer, helper, cai_be):
    return ProducerFactory(
        display_name="Vườn xoài Út Ba", owner=farmer, helper=helper, commune=cai_be
    )


@pytest.fixture
def other_farm(other_farmer, cai_be):
    return ProducerFactory(display_name="Vườn bưởi Tư Hiền", owner=other_farmer, commune=cai_be)


@pytest.fixture
def mango(farm):
    return ProductFactory(producer=farm, name="Xoài cát Hòa Lộc", price_vnd=120_000,
                          quantity_step="0.5", min_order_quantity="1", stock_quantity="10")  # fmt: skip


@pytest.fixture
def pomelo(other_farm):
    return ProductFactory(producer=other_farm, name="Bưởi da xanh", price_vnd=60_000, unit="qua",
                          quantity_step="1", min_order_quantity="2", stock_quantity=None)  # fmt: skip


def put(client, product, quantity):
    return client.post("/gio-hang/cap-nhat/", {"product": product.pk, "quantity": quantity})


def checkout_data(commune, **overrides):
    return {
        "buyer_name": "Lê Thị Mai",
        "buyer_phone": "0903 123 456",
        "buyer_email": "mai@example.vn",
        "commune": commune.pk,
        "address": "12 Ấp Bắc",
        "note": "",
        "accept_regulations": "on",
        **overrides,
    }


@pytest.fixture
def ordered(client, mango, pomelo, cai_be):
    put(client, mango, "2")
    put(client, pomelo, "4")
    response = client.post("/thanh-toan/", checkout_data(cai_be))
    assert response.status_code == 302, response.content.decode()
    return Order.objects.get()
