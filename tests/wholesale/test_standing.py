import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog.models import Product
from notifications.models import Message
from orders.models import Order, OrderLine
from producers.models import ProducerNotice
from wholesale import quotes, standing
from wholesale.models import Schedule, StandingRun, StandingStatus, WholesaleSettings

from .conftest import days, offer, owner_of, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly(kitchen, rice, cai_be, coops, rice_products):
    """200 kg a week from the first cooperative, first delivery in 10 days."""
    request = post(kitchen, rice, cai_be, coops, schedule=Schedule.WEEKLY, deliver_on=days(10))
    return quotes.accept(offer(request, rice_products[0], owner_of(coops[0])), kitchen.user)


def test_each_week_is_placed_lead_days_before_its_delivery_once(weekly):
    lead = WholesaleSettings.load().lead_days
    assert standing.place_due(today=days(10 - lead - 1)) == []
    runs = standing.place_due(today=days(10 - lead))
    assert [run.delivery_on for run in runs] == [days(10)]
    line = OrderLine.objects.get(part__order=runs[0].order)
    assert (line.unit_price_vnd, line.quantity, line.wholesale) == (36_000, Decimal("200"), True)
    assert standing.place_due(today=days(10 - lead)) == []  # a second run places nothing
    weekly.refresh_from_db()
    assert weekly.next_delivery == days(17)
    assert [run.delivery_on for run in standing.place_due(today=days(17 - lead))] == [days(17)]
    assert Order.objects.count() == 2


def test_a_week_short_of_stock_is_recorded_and_both_sides_are_told(weekly, kitchen, coops):
    Product.objects.filter(pk=weekly.product_id).update(stock_quantity=Decimal("150"))
    [run] = standing.place_due(today=days(9))
    assert run.order is None and "150" in run.problem
    assert Message.objects.filter(key=f"wholesale:{kitchen.pk}:run:{weekly.pk}:{days(10)}").exists()
    assert ProducerNotice.objects.filter(producer=coops[0], message__contains=run.problem).exists()
    weekly.refresh_from_db()
    assert weekly.next_delivery == days(17)  # next week is tried again


def test_a_week_missed_while_the_worker_was_down_is_not_delivered_late(weekly):
    [run] = standing.place_due(today=days(11))
    assert run.order is None and run.problem
    assert not Order.objects.exists()


def test_a_pause_takes_effect_after_the_notice(weekly, kitchen):
    notice = WholesaleSettings.load().notice_days  # 3: from days(3), so days(10) is paused
    standing.pause(weekly, kitchen.user, "Nghỉ hè")
    weekly.refresh_from_db()
    assert (weekly.status, weekly.effective_from) == (StandingStatus.PAUSED, days(notice))
    assert standing.place_due(today=days(8)) == []
    assert ProducerNotice.objects.filter(message__contains="Nghỉ hè").exists()


def test_deliveries_within_the_notice_still_stand(kitchen, rice, cai_be, coops, rice_products):
    request = post(kitchen, rice, cai_be, coops, schedule=Schedule.WEEKLY, deliver_on=days(2))
    weekly = quotes.accept(offer(request, rice_products[0], owner_of(coops[0])), kitchen.user)
    standing.cancel(weekly, owner_of(coops[0]), "Hết lúa")  # effective in 3 days
    [run] = standing.place_due(today=days(0))
    assert run.order is not None and run.delivery_on == days(2)
    assert standing.place_due(today=days(7)) == []  # days(9) is after the notice
    assert Message.objects.filter(phone=kitchen.phone, text__contains="Hết lúa").exists()


def test_resuming_starts_again_from_a_week_not_yet_due(weekly, kitchen):
    standing.pause(weekly, kitchen.user, "Nghỉ")
    standing.resume(weekly, kitchen.user)
    weekly.refresh_from_db()
    assert weekly.status == StandingStatus.ACTIVE and weekly.effective_from is None
    assert weekly.next_delivery == days(10)


def test_strangers_cannot_change_a_standing_order_and_reasons_are_required(weekly, buyer, kitchen):
    with pytest.raises(PermissionDenied):
        standing.cancel(weekly, buyer, "no")
    with pytest.raises(ValidationError):
        standing.cancel(weekly, kitchen.user, "")
    standing.cancel(weekly, kitchen.user, "Đổi nhà cung cấp")
    with pytest.raises(ValidationError):
        standing.resume(weekly, kitchen.user)
    assert not StandingRun.objects.exists()


def test_the_task_places_due_weeks(weekly):
    from wholesale.tasks import place_standing_orders

    weekly.next_delivery = datetime.date.today() + datetime.timedelta(days=1)
    weekly.save()
    place_standing_orders.call()
    assert StandingRun.objects.filter(standing=weekly).exists()
