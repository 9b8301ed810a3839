"""Buyers reserve part of an announced harvest: never more than the share opened, no stock
taken, the order waiting as pre-ordered; cancelling gives the quantity back."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from harvests import preorders, services
from harvests.models import AnnouncementChange, HarvestAnnouncement, PreOrder
from notifications.models import Message
from orders import services as orders
from orders.models import Order, PartStatus
from tests.racing import race

from .conftest import announce, preorder_data

pytestmark = pytest.mark.django_db


def test_a_buyer_pre_orders_ten_kilograms_and_the_order_waits_for_the_harvest(
    client, mango, cai_be
):
    announcement = announce(mango)
    response = client.post(announcement.get_absolute_url(), preorder_data(cai_be))
    assert response.status_code == 302, response.content.decode()[:3000]

    order = Order.objects.get()
    part, line = order.parts.get(), order.parts.get().lines.get()
    assert (
        part.status == PartStatus.PREORDERED
        and part.get_status_display() == "Đặt trước, chờ thu hoạch"
    )
    assert (line.quantity, line.unit_price_vnd, line.total_vnd, line.from_stock) == (
        10,
        100_000,
        1_000_000,
        False,
    )
    announcement.refresh_from_db()
    assert announcement.reserved_quantity == 10
    mango.refresh_from_db()
    assert mango.stock_quantity == 10  # the stock on sale today is not the harvest's
    assert PreOrder.objects.get().line == line
    assert AnnouncementChange.objects.latest("at").reserved_quantity == 10
    assert Message.objects.filter(text__contains=order.code).exists()  # the farm is texted


@pytest.mark.parametrize(
    ("quantity", "message"),
    [("1300", "Chỉ còn nhận đặt trước 1200 kg"), ("0", ""), ("0,3", "tối thiểu"),
     ("1,3", "bước"), ("-2", ""), ("1e3", ""), ("99999999999", "")],
)  # fmt: skip
def test_quantities_that_cannot_be_reserved_are_refused_and_nothing_changes(
    client, mango, cai_be, quantity, message
):
    announcement = announce(mango)
    response = client.post(
        announcement.get_absolute_url(), preorder_data(cai_be, quantity=quantity)
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["quantity"])
    assert not Order.objects.exists()
    assert HarvestAnnouncement.objects.get().reserved_quantity == 0


def test_a_withdrawn_harvest_takes_no_pre_order_and_cancels_those_it_had(
    client, farmer, mango, cai_be
):
    announcement = announce(mango)
    client.post(announcement.get_absolute_url(), preorder_data(cai_be))
    services.withdraw(announcement, farmer, "Mưa đá")

    assert Order.objects.get().parts.get().status == PartStatus.CANCELLED
    assert PreOrder.objects.get().status == "cancelled"
    announcement.refresh_from_db()
    assert (announcement.status, announcement.reserved_quantity) == ("withdrawn", 0)
    response = client.post(announcement.get_absolute_url(), preorder_data(cai_be))
    assert "đã đóng" in " ".join(response.context["form"].errors["quantity"])
    with pytest.raises(ValidationError):
        preorders.place(announcement.pk, Decimal("10"), buyer_name="A", buyer_phone="+84903000001",
                        commune=cai_be, address="Ấp 1")  # fmt: skip
    assert Order.objects.count() == 1


def test_the_buyer_cancels_and_the_quantity_is_open_again(client, mango, cai_be):
    announcement = announce(mango, open_quantity=Decimal("10"))
    client.post(announcement.get_absolute_url(), preorder_data(cai_be))
    assert "Mọi phần mở đặt trước đã có người giữ" in " ".join(
        client.post(announcement.get_absolute_url(), preorder_data(cai_be, quantity="1"))
        .context["form"]
        .errors["quantity"]
    )

    orders.cancel_by_buyer(Order.objects.get())

    announcement.refresh_from_db()
    assert announcement.reserved_quantity == 0
    mango.refresh_from_db()
    assert mango.stock_quantity == 10  # nothing was taken, nothing given back
    assert client.post(announcement.get_absolute_url(), preorder_data(cai_be)).status_code == 302


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_buyers_racing_for_the_last_hundred_kilograms_reserve_exactly_a_hundred(
    mango, cai_be
):
    announcement = announce(mango, open_quantity=Decimal("1100"))
    HarvestAnnouncement.objects.filter(pk=announcement.pk).update(reserved_quantity=1000)

    def buyer(number):
        return lambda: preorders.place(
            announcement.pk, Decimal("4"), buyer_name=f"Người mua {number}",
            buyer_phone="+84903000000", commune=cai_be, address="Ấp 1",
        ).code  # fmt: skip

    outcomes = race([buyer(n) for n in range(50)], refused=ValidationError)

    placed = [result for what, result in outcomes if what == "done"]
    refusals = {result for what, result in outcomes if what == "refused"}
    announcement.refresh_from_db()
    assert (len(placed), announcement.reserved_quantity) == (25, 1100)
    assert sum(PreOrder.objects.values_list("quantity", flat=True)) == 100
    assert Order.objects.count() == 25 and len(set(placed)) == 25
    assert refusals == {"Mọi phần mở đặt trước đã có người giữ."}
    assert AnnouncementChange.objects.filter(until=None).get().reserved_quantity == 1100
