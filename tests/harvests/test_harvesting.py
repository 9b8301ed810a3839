"""At harvest: the harvest is shared out to pre-orders in the order they were placed, each
is weighed at packing and everything that reads its amount follows the weight; the buyer
hears the final amount and may refuse a weight beyond the tolerance agreed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from harvests import harvesting, preorders
from harvests.models import AnnouncementStatus, PreOrder, PreOrderStatus, Pricing
from notifications.models import Message
from orders.figures import sales
from orders.models import DeliveryMethod, DeliverySettings, Order, PartStatus
from orders.services import change_part_status

from .conftest import announce

pytestmark = pytest.mark.django_db


def preorder(announcement, quantity, name, cai_be, *, placed_minutes_ago=0, **details):
    order = preorders.place(
        announcement.pk, Decimal(quantity), buyer_name=name, buyer_phone="+84903000001",
        commune=cai_be, address="1 Ấp Bắc", **details,
    )  # fmt: skip
    placed = timezone.now() - datetime.timedelta(minutes=placed_minutes_ago)
    PreOrder.objects.filter(line__part__order=order).update(created_at=placed)
    return PreOrder.objects.get(line__part__order=order)


def test_a_short_harvest_serves_the_first_placed_and_cancels_the_rest(farmer, mango, cai_be):
    announcement = announce(mango)
    # Written in another order than they were placed: the share-out must follow placing.
    late = preorder(announcement, "30", "An (đặt sau cùng)", cai_be, placed_minutes_ago=1)
    first = preorder(announcement, "40", "Bình (đặt đầu tiên)", cai_be, placed_minutes_ago=30)
    second = preorder(announcement, "20", "Chi (đặt thứ hai)", cai_be, placed_minutes_ago=20)

    served, cancelled = harvesting.confirm(announcement, Decimal("65"), farmer)

    assert [each.pk for each in served] == [first.pk, second.pk]
    assert [each.pk for each in cancelled] == [late.pk]
    statuses = {
        each.pk: each.line.part.status for each in PreOrder.objects.select_related("line__part")
    }
    assert statuses == {first.pk: PartStatus.CONFIRMED, second.pk: PartStatus.CONFIRMED,
                        late.pk: PartStatus.CANCELLED}  # fmt: skip
    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.HARVESTED
    assert (announcement.harvested_quantity, announcement.reserved_quantity) == (65, 60)
    late_order = late.line.part.order
    told = Message.objects.filter(text__contains=late_order.code).values_list("text", flat=True)
    assert any("thiếu" in text or "không đủ" in text for text in told), list(told)


def test_a_failed_harvest_cancels_every_pre_order(farmer, mango, cai_be):
    announcement = announce(mango)
    one = preorder(announcement, "10", "Lan", cai_be)
    served, cancelled = harvesting.confirm(announcement, Decimal("0"), farmer)

    assert served == [] and [each.pk for each in cancelled] == [one.pk]
    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.FAILED and announcement.reserved_quantity == 0
    with pytest.raises(ValidationError):
        harvesting.confirm(announcement, Decimal("10"), farmer)  # no longer open


def courier_farm(producer):
    settings, _ = DeliverySettings.objects.get_or_create(producer=producer)
    settings.courier = True
    settings.courier_fee_3kg_vnd, settings.courier_fee_10kg_vnd = 30_000, 50_000
    settings.courier_fee_more_vnd = 90_000
    settings.save()


def test_the_weight_moves_the_line_the_courier_fee_the_totals_and_the_sales_figures(
    farmer, mango, cai_be
):
    courier_farm(mango.producer)
    announcement = announce(mango)
    booked = preorder(announcement, "10", "Bếp ăn Hòa Bình", cai_be,
                      delivery_method=DeliveryMethod.COURIER)  # fmt: skip
    part = booked.line.part
    assert (part.subtotal_vnd, part.delivery_fee_vnd) == (1_000_000, 50_000)
    harvesting.confirm(announcement, Decimal("2000"), farmer)

    weighed = harvesting.weigh(booked, "10.6", farmer)

    line, part = weighed.line, weighed.line.part
    part.refresh_from_db()
    line.refresh_from_db()
    assert (line.quantity, line.total_vnd) == (Decimal("10.6"), 1_060_000)
    assert part.delivery_fee_vnd == 90_000  # 11 kg: above the 10 kg band
    assert Order.objects.get(pk=part.order_id).total_vnd == 1_150_000
    assert harvesting.balance(weighed) == (1_150_000, 0, 1_150_000)
    told = list(Message.objects.filter(text__contains="10,6 kg").values_list("text", flat=True))
    assert told and "1.150.000 ₫" in told[-1], told

    change_part_status(part, PartStatus.DELIVERED, farmer)
    start = timezone.now() - datetime.timedelta(hours=1)
    figures = sales(start, timezone.now() + datetime.timedelta(hours=1))
    assert figures["value_vnd"] == 1_060_000  # 10,6 kg, not 10


@pytest.mark.parametrize(
    ("weight", "message"),
    [("0", "lớn hơn 0"), ("-1", "Nhập một số"), ("21", "gấp đôi"), ("1000", "gấp đôi"),
     ("10,555", "2 chữ số"), ("abc", "")],
)  # fmt: skip
def test_weights_that_cannot_be_right_are_refused_and_nothing_changes(
    client, farmer, mango, cai_be, weight, message
):
    announcement = announce(mango)
    booked = preorder(announcement, "10", "Lan", cai_be)
    harvesting.confirm(announcement, Decimal("100"), farmer)
    client.force_login(farmer)

    response = client.post(
        f"/cua-toi/thu-hoach/{announcement.pk}/can/{booked.pk}/", {"quantity": weight}, follow=True
    )

    assert response.status_code == 200
    said = " ".join(str(m) for m in response.context["messages"])
    assert message in said and said, said
    booked.line.refresh_from_db()
    assert (booked.line.quantity, booked.line.total_vnd, booked.line.weighed_at) == (
        10,
        1_000_000,
        None,
    )


def test_a_pre_order_is_weighed_only_once_its_harvest_is_in(farmer, mango, cai_be):
    announcement = announce(mango)
    booked = preorder(announcement, "10", "Lan", cai_be)
    with pytest.raises(ValidationError):
        harvesting.weigh(booked, "10", farmer)


def test_the_buyer_may_refuse_a_weight_beyond_the_tolerance_and_only_then(
    client, farmer, mango, cai_be
):
    announcement = announce(mango, tolerance_percent=10)
    near = preorder(announcement, "10", "Lan", cai_be)
    far = preorder(announcement, "10", "Mai", cai_be)
    harvesting.confirm(announcement, Decimal("100"), farmer)
    harvesting.weigh(near, "10.9", farmer)  # 9 %: within
    harvesting.weigh(far, "8.5", farmer)  # 15 %: beyond

    far_order, near_order = far.line.part.order, near.line.part.order
    page = client.get(far_order.get_absolute_url()).content.decode()
    assert "Từ chối" in page and "8,5 kg" in page
    assert "Từ chối mức cân" not in client.get(near_order.get_absolute_url()).content.decode()

    client.post(f"/don-hang/{near_order.code}/{near_order.secret}/tu-choi-can/{near.pk}/")
    client.post(f"/don-hang/{far_order.code}/{far_order.secret}/tu-choi-can/{far.pk}/",
                {"reason": "Thiếu nhiều quá"})  # fmt: skip

    near.line.part.refresh_from_db()
    far.line.part.refresh_from_db()
    assert near.line.part.status == PartStatus.CONFIRMED
    assert far.line.part.status == PartStatus.CANCELLED
    to_the_farm = Message.objects.filter(text__contains=far_order.code).exclude(
        phone="+84903000001"
    )
    assert to_the_farm.filter(text__contains="Thiếu nhiều quá").exists()  # the farm is texted


def test_a_price_set_at_harvest_is_asked_for_and_prices_the_weighed_line(farmer, mango, cai_be):
    announcement = announce(mango, pricing=Pricing.AT_HARVEST, price_vnd=None,
                            price_low_vnd=80_000, price_high_vnd=110_000)  # fmt: skip
    booked = preorder(announcement, "10", "Lan", cai_be)
    assert booked.line.unit_price_vnd == 80_000
    with pytest.raises(ValidationError) as refused:
        harvesting.confirm(announcement, Decimal("500"), farmer)
    assert "giá" in " ".join(refused.value.messages)

    harvesting.confirm(announcement, Decimal("500"), farmer, price_vnd=95_000)
    weighed = harvesting.weigh(booked, "10", farmer)
    weighed.line.refresh_from_db()
    assert (weighed.line.unit_price_vnd, weighed.line.total_vnd) == (95_000, 950_000)
    assert PreOrder.objects.get(pk=booked.pk).status == PreOrderStatus.SERVED
