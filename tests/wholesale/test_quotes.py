import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from notifications.models import Message
from orders.models import Order, OrderLine
from producers.models import ProducerNotice
from wholesale import quotes
from wholesale.models import (
    BusinessStatus,
    Offer,
    OfferStatus,
    QuoteRequest,
    RequestStatus,
    Schedule,
    StandingOrder,
)

from .conftest import days, make_business, offer, owner_of, post

pytestmark = pytest.mark.django_db


def test_a_request_reaches_the_producers_chosen_by_portal_and_text(
    kitchen, rice, cai_be, coops, rice_products
):
    request = post(kitchen, rice, cai_be, coops)
    assert set(request.producers.all()) == set(coops)
    assert request.expires_at <= timezone.now() + datetime.timedelta(days=7, seconds=5)
    for coop in coops:
        assert ProducerNotice.objects.filter(
            producer=coop, topic=f"quote-request:{request.pk}"
        ).exists()
        assert Message.objects.filter(phone=coop.phone, event="producer_notice").exists()


def test_a_request_to_communes_reaches_every_producer_of_the_category_there(
    kitchen, rice, cai_be, coops, rice_products
):
    request = quotes.post_request(
        kitchen.user,
        QuoteRequest(category=rice, quantity=Decimal("200"), unit="kg", deliver_on=days(5),
                     commune=cai_be, address="Trường"),
        communes=[cai_be],
    )  # fmt: skip
    assert list(request.producers.all()) == [coops[0]]


def test_a_producer_not_selling_the_category_is_not_asked(
    kitchen, rice, cai_be, coops, rice_products
):
    from tests.factories import ProducerFactory, ProductFactory

    mango_farm = ProducerFactory(commune=cai_be)
    ProductFactory(producer=mango_farm)
    request = post(kitchen, rice, cai_be, [*coops, mango_farm])
    assert mango_farm not in request.producers.all()
    with pytest.raises(ValidationError, match="No verified producer|Không có"):
        post(kitchen, rice, cai_be, [mango_farm])


@pytest.mark.parametrize(
    "fields",
    [
        {"quantity": Decimal("0")},
        {"quantity": Decimal("-5")},
        {"quantity": Decimal("1000000000000")},
        {"deliver_on": days(-1)},
        {"deliver_on": days(0)},
        {"deliver_on": days(400)},
    ],
)
def test_bad_requests_are_refused_and_nothing_is_sent(
    kitchen, rice, cai_be, coops, rice_products, fields
):
    with pytest.raises(ValidationError):
        post(kitchen, rice, cai_be, coops, **fields)
    assert not QuoteRequest.objects.exists()
    assert not ProducerNotice.objects.exists()


@pytest.mark.parametrize("status", [None, BusinessStatus.PENDING, BusinessStatus.REJECTED])
def test_only_an_approved_business_may_ask(
    buyer, kitchen_user, rice, cai_be, coops, rice_products, status
):
    user = buyer
    if status:
        user = kitchen_user
        make_business(kitchen_user, cai_be, status=status)
    with pytest.raises(PermissionDenied):
        quotes.post_request(
            user,
            QuoteRequest(category=rice, quantity=Decimal("1"), unit="kg", deliver_on=days(5),
                         commune=cai_be, address="x"),
            chosen=coops,
        )  # fmt: skip
    assert not QuoteRequest.objects.exists()


def test_the_request_page_refuses_a_buyer_who_is_not_a_business_in_words(client, buyer):
    client.force_login(buyer)
    response = client.get("/cua-toi/mua-si/yeu-cau-moi/?category=gao-ngu-coc")
    assert response.status_code == 403
    assert "doanh nghiệp" in response.content.decode().lower()


def test_an_offer_is_told_to_the_business_and_can_be_changed_until_decided(
    kitchen, rice, cai_be, coops, rice_products
):
    request = post(kitchen, rice, cai_be, coops)
    first = offer(request, rice_products[0], owner_of(coops[0]))
    again = offer(request, rice_products[0], owner_of(coops[0]), price_vnd=35_000)
    assert again.pk == first.pk and Offer.objects.get().price_vnd == 35_000
    assert Message.objects.filter(
        phone=kitchen.phone, key__startswith=f"wholesale:{kitchen.pk}:offer:"
    ).exists()


def test_only_a_producer_asked_may_offer_its_own_product(
    kitchen, rice, cai_be, coops, rice_products, other_farmer
):
    request = post(kitchen, rice, cai_be, coops[:1])
    with pytest.raises(PermissionDenied):  # not asked
        offer(request, rice_products[1], owner_of(coops[1]))
    with pytest.raises(PermissionDenied):  # not theirs
        quotes.make_offer(request, coops[0], Offer(product=rice_products[0], price_vnd=1, quantity=1,
                          deliver_on=days(5), valid_until=timezone.now()), other_farmer)  # fmt: skip
    with pytest.raises(ValidationError):  # another producer's product
        quotes.make_offer(request, coops[0], Offer(product=rice_products[1], price_vnd=1,
                          quantity=1, deliver_on=days(5), valid_until=timezone.now()
                          + datetime.timedelta(days=1)), owner_of(coops[0]))  # fmt: skip
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"quantity": Decimal("0")},
        {"quantity": Decimal("1000000000000")},
        {"deliver_on": days(-1)},
        {"valid_until": timezone.now() - datetime.timedelta(minutes=1)},
        {"valid_until": timezone.now() + datetime.timedelta(days=90)},
    ],
)
def test_bad_offers_are_refused(kitchen, rice, cai_be, coops, rice_products, fields):
    request = post(kitchen, rice, cai_be, coops)
    with pytest.raises(ValidationError):
        offer(request, rice_products[0], owner_of(coops[0]), **fields)
    assert not Offer.objects.exists()


def test_an_offer_after_the_request_expired_is_refused(kitchen, rice, cai_be, coops, rice_products):
    request = post(kitchen, rice, cai_be, coops)
    QuoteRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="no longer|không còn"):
        offer(request, rice_products[0], owner_of(coops[0]))


def test_accepting_places_an_order_at_the_offer_price_never_the_list_price(
    kitchen, rice, cai_be, coops, rice_products
):
    request = post(kitchen, rice, cai_be, coops)
    cheap = offer(
        request, rice_products[0], owner_of(coops[0]), price_vnd=35_500, delivery_fee_vnd=50_000
    )
    order = quotes.accept(cheap, kitchen.user)
    line = OrderLine.objects.get(part__order=order)
    assert (line.unit_price_vnd, line.quantity, line.total_vnd, line.wholesale) == (
        35_500,
        Decimal("200"),
        7_100_000,
        True,
    )
    assert order.total_vnd == 7_150_000 and order.parts.get().delivery_fee_vnd == 50_000
    assert order.buyer == kitchen.user and order.commune == cai_be
    rice_products[0].refresh_from_db()
    assert rice_products[0].stock_quantity == Decimal("4800")
    cheap.refresh_from_db()
    assert (cheap.status, cheap.order) == (OfferStatus.ACCEPTED, order)
    assert ProducerNotice.objects.filter(producer=coops[0], message__contains=order.code).exists()
    with pytest.raises(ValidationError):
        quotes.accept(cheap, kitchen.user)
    assert Order.objects.count() == 1


def test_several_offers_may_be_accepted_and_closing_declines_the_rest(
    kitchen, rice, cai_be, coops, rice_products
):
    request = post(kitchen, rice, cai_be, coops)
    first = offer(request, rice_products[0], owner_of(coops[0]), quantity=Decimal("100"))
    second = offer(request, rice_products[1], owner_of(coops[1]), quantity=Decimal("100"))
    quotes.accept(first, kitchen.user)
    quotes.accept(second, kitchen.user)
    assert Order.objects.count() == 2
    request2 = post(kitchen, rice, cai_be, coops)
    left = offer(request2, rice_products[1], owner_of(coops[1]))
    quotes.close(request2, kitchen.user)
    left.refresh_from_db()
    assert left.status == OfferStatus.DECLINED
    with pytest.raises(ValidationError):
        quotes.accept(left, kitchen.user)


def test_an_offer_beyond_the_stock_is_refused_and_stays_open(
    kitchen, rice, cai_be, coops, rice_products
):
    request = post(kitchen, rice, cai_be, coops)
    big = offer(request, rice_products[0], owner_of(coops[0]), quantity=Decimal("6000"))
    with pytest.raises(ValidationError):
        quotes.accept(big, kitchen.user)
    big.refresh_from_db()
    assert big.status == OfferStatus.OPEN and not Order.objects.exists()


def test_another_business_cannot_accept(kitchen, rice, cai_be, coops, rice_products, buyer):
    request = post(kitchen, rice, cai_be, coops)
    made = offer(request, rice_products[0], owner_of(coops[0]))
    make_business(buyer, cai_be, name="Quán ăn khác")
    with pytest.raises(PermissionDenied):
        quotes.accept(made, buyer)


def test_an_expired_offer_cannot_be_accepted(kitchen, rice, cai_be, coops, rice_products):
    request = post(kitchen, rice, cai_be, coops)
    made = offer(request, rice_products[0], owner_of(coops[0]))
    Offer.objects.filter(pk=made.pk).update(
        valid_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError):
        quotes.accept(made, kitchen.user)
    assert not Order.objects.exists()


def test_a_weekly_request_accepted_becomes_a_standing_order(
    kitchen, rice, cai_be, coops, rice_products
):
    request = post(kitchen, rice, cai_be, coops, schedule=Schedule.WEEKLY)
    made = offer(request, rice_products[0], owner_of(coops[0]))
    standing = quotes.accept(made, kitchen.user)
    assert isinstance(standing, StandingOrder)
    assert (standing.price_vnd, standing.quantity, standing.next_delivery) == (
        36_000,
        Decimal("200"),
        request.deliver_on,
    )
    assert not Order.objects.exists()  # placed by the task worker, lead days before


def test_unanswered_requests_expire_and_the_buyer_is_told(
    kitchen, rice, cai_be, coops, rice_products
):
    silent = post(kitchen, rice, cai_be, coops)
    answered = post(kitchen, rice, cai_be, coops)
    made = offer(answered, rice_products[0], owner_of(coops[0]))
    later = timezone.now() + datetime.timedelta(days=8)
    QuoteRequest.objects.update(expires_at=timezone.now())
    Offer.objects.filter(pk=made.pk).update(
        valid_until=timezone.now() + datetime.timedelta(days=20)
    )
    assert quotes.expire_due(now=later - datetime.timedelta(days=7, hours=23)) == 2 - 1
    silent.refresh_from_db()
    answered.refresh_from_db()
    assert silent.status == RequestStatus.EXPIRED
    assert answered.status == RequestStatus.OPEN  # an offer still waits for the buyer
    assert Message.objects.filter(key=f"wholesale:{kitchen.pk}:expired:{silent.pk}").exists()
    assert quotes.expire_due(now=later + datetime.timedelta(days=20)) == 1
    made.refresh_from_db()
    assert made.status == OfferStatus.EXPIRED
    assert quotes.expire_due(now=later + datetime.timedelta(days=20)) == 0  # safe twice


def test_an_offer_in_another_unit_is_refused(kitchen, rice, cai_be, coops, rice_products):
    request = post(kitchen, rice, cai_be, coops, unit="tui")
    with pytest.raises(ValidationError, match="tui|túi"):
        offer(request, rice_products[0], owner_of(coops[0]))
    assert not Offer.objects.exists()
