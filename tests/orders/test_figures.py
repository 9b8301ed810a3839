"""Sales for officials and the public: orders placed and value delivered, exact for past dates."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from orders import services
from orders.cart import CartLine
from orders.figures import sales
from orders.models import OrderPart
from reports.counts import end_of_day, start_of_day

pytestmark = pytest.mark.django_db


def place(product, quantity, commune):
    line = CartLine(product, Decimal(quantity), product.price_vnd)
    return services.place_order(
        [line], buyer_name="Mai", buyer_phone="+84903000000", commune=commune, address="Ấp 1"
    )


def test_orders_placed_and_value_delivered(mango, pomelo, cai_be, farmer, other_farmer):
    delivered = place(mango, "2", cai_be).parts.get()
    cancelled = place(pomelo, "2", cai_be).parts.get()
    services.change_part_status(delivered, "confirmed", farmer)
    services.change_part_status(delivered, "delivered", farmer)
    services.change_part_status(cancelled, "cancelled", other_farmer, "Hết bưởi")
    today = timezone.localdate()

    figures = sales(start_of_day(today.replace(day=1)), end_of_day(today))

    assert figures["orders"] == 2  # a part cancelled later was still placed
    assert figures["value_vnd"] == 240_000  # only what was delivered
    assert figures["by_commune"][0]["commune"] == "Xã Cái Bè"
    assert figures["by_category"][0]["value"] == 240_000


def test_an_order_counts_once_its_money_arrived(mango, pomelo, cai_be):
    from orders.models import PaymentMethod
    from payments.models import BankAccount

    BankAccount.objects.create(
        producer=mango.producer, bank_bin="970405", account_number="1234567890",
        account_holder="LE VAN BA",
    )  # fmt: skip

    unpaid = services.place_order(
        [CartLine(mango, Decimal("2"), mango.price_vnd)], buyer_name="Mai",
        buyer_phone="+84903000000", commune=cai_be, address="Ấp 1",
        payment_method=PaymentMethod.BANK_TRANSFER,
    )  # fmt: skip
    today = timezone.localdate()
    month = (start_of_day(today.replace(day=1)), end_of_day(today))
    assert sales(*month)["orders"] == 0  # waiting for its money: not an order yet

    services.payment_received(list(unpaid.parts.all()))

    assert sales(*month)["orders"] == 1


def test_a_past_day_keeps_its_figures(mango, cai_be, farmer):
    part = place(mango, "2", cai_be).parts.get()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    OrderPart.objects.filter(pk=part.pk).update(
        status_changed_at=start_of_day(yesterday), placed_at=start_of_day(yesterday)
    )
    part.order.__class__.objects.filter(pk=part.order.pk).update(created_at=start_of_day(yesterday))
    OrderPart.objects.filter(pk=part.pk).update(status="delivered")
    before = sales(start_of_day(yesterday), end_of_day(yesterday))

    place(mango, "2", cai_be)  # today's activity

    assert sales(start_of_day(yesterday), end_of_day(yesterday)) == before
    assert before["orders"] == 1 and before["value_vnd"] == 240_000


def test_the_public_statistics_page_shows_the_months_sales(client, mango, cai_be, farmer):
    part = place(mango, "2", cai_be).parts.get()
    services.change_part_status(part, "confirmed", farmer)
    services.change_part_status(part, "delivered", farmer)

    html = client.get("/thong-ke/").content.decode()

    assert 'data-figure="orders">1<' in html
    assert "240.000" in html


def test_the_open_data_api_gives_any_period(client, mango, cai_be, farmer):
    part = place(mango, "2", cai_be).parts.get()
    services.change_part_status(part, "confirmed", farmer)
    services.change_part_status(part, "delivered", farmer)
    today = timezone.localdate().isoformat()

    answer = client.get("/api/v1/stats/orders", {"start": today, "end": today}).json()

    assert (answer["orders"], answer["value_vnd"]) == (1, 240_000)
    assert answer["by_category"][0]["value"] == 240_000
    assert "Giá trị" in answer["definition"]
    bad = client.get("/api/v1/stats/orders", {"start": today, "end": "2020-01-01"})
    assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "start"
