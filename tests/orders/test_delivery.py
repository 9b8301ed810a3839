"""Each producer's delivery: pick-up always, own delivery to chosen communes for a fee,
courier to every province by weight band; the fee is part of the order."""

import pytest

from areas.models import Commune
from orders.models import DeliverySettings, Order

from .conftest import checkout_data, put

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivering(mango, cai_be):
    settings = DeliverySettings.objects.create(
        producer=mango.producer, own_delivery=True, own_delivery_fee_vnd=20_000, courier=True,
        courier_fee_3kg_vnd=30_000, courier_fee_10kg_vnd=50_000, courier_fee_more_vnd=90_000,
    )  # fmt: skip
    settings.own_delivery_communes.add(cai_be)
    return settings


def order(client, commune, method, product, quantity="2", path="/thanh-toan/"):
    put(client, product, quantity)
    return client.post(path, checkout_data(commune, **{f"delivery_{product.producer_id}": method}))


def test_own_delivery_to_a_chosen_commune_adds_its_fee(client, delivering, mango, cai_be):
    order(client, cai_be, "own", mango)

    placed = Order.objects.get()
    part = placed.parts.get()
    assert (part.delivery_method, part.delivery_fee_vnd) == ("own", 20_000)
    assert placed.total_vnd == 2 * 120_000 + 20_000


def test_own_delivery_is_refused_outside_its_communes(client, delivering, mango, home_communes):
    elsewhere = home_communes.exclude(pk__in=delivering.own_delivery_communes.all()).first()

    response = order(client, elsewhere, "own", mango)

    assert "không giao hàng đến" in response.content.decode()
    assert not Order.objects.exists()


def test_courier_reaches_another_province_priced_by_weight(client, delivering, mango):
    from areas.services import load_admin_units

    load_admin_units(province_codes=[79], legacy_province_codes=[])  # Hồ Chí Minh City
    saigon = Commune.objects.filter(province_id=79).first()

    order(client, saigon, "courier", mango, quantity="5", path="/thanh-toan/?tinh=79")

    part = Order.objects.get().parts.get()
    assert (part.delivery_method, part.delivery_fee_vnd) == ("courier", 50_000)  # 5 kg


def test_without_settings_only_pick_up_is_offered(client, pomelo, cai_be):
    put(client, pomelo, "2")

    form = client.get("/thanh-toan/").context["form"]

    assert [value for value, _ in form.fields[f"delivery_{pomelo.producer_id}"].choices] == [
        "pickup"
    ]


def test_a_farmer_sets_the_delivery_options_of_their_own_farm_only(
    client, farmer, farm, other_farm, cai_be
):
    client.force_login(farmer)

    response = client.post(
        f"/cua-toi/nha-san-xuat/{farm.pk}/giao-hang/",
        {"pickup_hours": "7:00–17:00", "own_delivery": "on", "own_delivery_communes": [cai_be.pk],
         "own_delivery_fee_vnd": "15000", "courier_fee_3kg_vnd": "30000",
         "courier_fee_10kg_vnd": "50000", "courier_fee_more_vnd": "90000"},
    )  # fmt: skip

    assert response.status_code == 302
    assert farm.delivery_settings.own_delivery_fee_vnd == 15_000
    assert client.get(f"/cua-toi/nha-san-xuat/{other_farm.pk}/giao-hang/").status_code == 404


def test_a_delivery_fee_typed_20_000_is_twenty_thousand_dong(client, farmer, farm, cai_be):
    client.force_login(farmer)

    response = client.post(
        f"/cua-toi/nha-san-xuat/{farm.pk}/giao-hang/",
        {"pickup_hours": "7:00–17:00", "own_delivery": "on", "own_delivery_communes": [cai_be.pk],
         "own_delivery_fee_vnd": "20.000", "courier": "on", "courier_fee_3kg_vnd": "30.000 ₫",
         "courier_fee_10kg_vnd": "50000", "courier_fee_more_vnd": "90.000đ"},
    )  # fmt: skip

    assert response.status_code == 302
    delivery = farm.delivery_settings
    delivery.refresh_from_db()
    assert (delivery.own_delivery_fee_vnd, delivery.courier_fee_3kg_vnd,
            delivery.courier_fee_10kg_vnd, delivery.courier_fee_more_vnd) == (
        20_000, 30_000, 50_000, 90_000)  # fmt: skip
    form = client.get(f"/cua-toi/nha-san-xuat/{farm.pk}/giao-hang/").content.decode()
    assert 'value="20.000"' in form and 'type="number"' not in form


def test_a_fee_with_a_decimal_comma_is_refused_and_nothing_changes(client, farmer, farm, cai_be):
    client.force_login(farmer)

    response = client.post(
        f"/cua-toi/nha-san-xuat/{farm.pk}/giao-hang/",
        {"pickup_hours": "7:00", "own_delivery": "on", "own_delivery_communes": [cai_be.pk],
         "own_delivery_fee_vnd": "20,5", "courier_fee_3kg_vnd": "30000",
         "courier_fee_10kg_vnd": "50000", "courier_fee_more_vnd": "90000"},
    )  # fmt: skip

    assert response.status_code == 200
    assert "20.000" in response.content.decode()  # the message shows how to type it
    assert DeliverySettings.objects.get(producer=farm).own_delivery_fee_vnd == 0


def test_the_product_page_says_how_the_farm_delivers_before_checkout(client, delivering, mango):
    """Item 6: delivery was invisible until checkout."""
    page = client.get(mango.get_absolute_url()).content.decode()

    assert "Giao hàng" in page and "Nhận tại vườn" in page
    assert "Nhà vườn tự giao" in page and "Xã Cái Bè" in page
    assert "Chuyển phát đến mọi tỉnh" in page and "đến 3 kg" in page
