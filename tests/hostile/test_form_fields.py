"""Every field of the farmer's forms and the public forms, given any value: a
form error or success, never a 5xx; a refused value changes nothing."""

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from catalog.models import Category, Product
from tests.factories import ProductFactory, certification_data

from .values import every_troublemaker, fuzz, hostile_text

pytestmark = pytest.mark.django_db


def product_data():
    return {
        "name": "Xoài cát Hòa Lộc",
        "category": str(Category.objects.get(slug="xoai").pk),
        "price_vnd": "150.000",
        "unit": "kg",
        "quantity_step": "0.5",
        "min_order_quantity": "1",
        "stock_quantity": "10",
        "description": "Ngọt",
        "harvested_on": timezone.localdate().isoformat(),
        "harvest_months": ["3"],
    }


def fuzz_form(client, url, valid, fields, state=None):
    """Every troublemaker, then Hypothesis's text, in each field: never a 5xx, and when
    the form is shown again (refused), `state()` (what the form would change) is as it
    was before the post."""

    def post(name, value):
        before = state() if state else None
        response = client.post(url, {**valid, name: value})
        assert response.status_code < 500, (url, name, value)
        if state and response.status_code in (200, 400):
            assert state() == before, ("a refused value changed something", url, name, value)

    for name, value in every_troublemaker(fields):
        post(name, value)

    @fuzz
    @given(name=st.sampled_from(fields), value=hostile_text)
    def check(name, value):
        post(name, value)

    check()


def values_of(queryset):
    return lambda: list(queryset.values())


def test_the_product_form(client, farmer, farm):
    client.force_login(farmer)
    product = ProductFactory(producer=farm)
    fields = [*product_data(), "certifications", "ocop_stars", "origin_commune"]

    fuzz_form(
        client,
        f"/cua-toi/san-pham/{product.pk}/sua/",
        product_data(),
        fields,
        state=values_of(Product.objects.filter(pk=product.pk)),
    )


def test_the_quick_update(client, farmer, farm):
    client.force_login(farmer)
    product = ProductFactory(producer=farm, price_vnd=150_000)
    fuzz_form(
        client,
        f"/cua-toi/san-pham/{product.pk}/cap-nhat-nhanh/",
        {"price_vnd": "120.000", "stock_quantity": "5"},
        ["price_vnd", "stock_quantity"],
    )


@pytest.mark.parametrize(
    "step, valid",
    [
        (1, {"kind": "household", "display_name": "Vườn Út", "representative": "Út", "phone": "0912000001"}),
        (2, {"commune": "", "address": "Ấp 1", "latitude": "10.3", "longitude": "106.1", "old_address": ""}),
        (3, {"main_products": "Xoài", "story": "<p>Chuyện</p>"}),
    ],
)  # fmt: skip
def test_the_onboarding_wizard(client, farmer, farm, step, valid):
    client.force_login(farmer)
    fuzz_form(client, f"/cua-toi/nha-san-xuat/{farm.pk}/buoc/{step}/", valid, list(valid))


def test_the_certificate_step(client, farmer, farm):
    client.force_login(farmer)
    valid = certification_data()
    fuzz_form(client, f"/cua-toi/nha-san-xuat/{farm.pk}/buoc/4/", valid, list(valid))


@pytest.mark.parametrize(
    "url, valid",
    [
        ("/dang-ky/", {"phone": "0912000555", "password1": "vu-sua-2026", "password2": "vu-sua-2026", "accept": "on"}),
        ("/dang-nhap/", {"username": "0912000555", "password": "vu-sua-2026"}),
        ("/nhan-tai-khoan/", {"code": "AAAA-BBBB", "password1": "vu-sua-2026", "password2": "vu-sua-2026"}),
        ("/quen-mat-khau/", {"phone": "0912000555"}),
        ("/quen-mat-khau/email/", {"email": "a@example.com"}),
    ],
)  # fmt: skip
def test_the_public_forms(client, url, valid, settings):
    settings.RATELIMIT_ENABLE = False
    settings.AXES_ENABLED = False
    fuzz_form(client, url, valid, list(valid))


def test_the_listing_report(client, cai_be, settings):
    settings.RATELIMIT_ENABLE = False
    product = ProductFactory(origin_commune=cai_be)
    fuzz_form(
        client,
        f"{product.get_absolute_url()}bao-cao/",
        {"reason": "other", "details": "Sai"},
        ["reason", "details"],
    )


def test_the_lot_form(client, farmer, farm):
    from traceability.models import Lot

    client.force_login(farmer)
    product = ProductFactory(producer=farm, unit="kg")
    today = timezone.localdate()
    valid = {"lot-code": "", "lot-harvested_on": today.isoformat(),
             "lot-packed_on": today.isoformat(), "lot-best_before": today.isoformat(),
             "lot-harvested_quantity": "12,5", "lot-quantity": "10"}  # fmt: skip
    fuzz_form(client, f"/cua-toi/lo-hang/{product.pk}/", valid, list(valid),
              state=values_of(Lot.objects.filter(product=product)))  # fmt: skip


def test_the_review_form_and_its_report(client, farmer, farm, cai_be, settings):
    from decimal import Decimal

    from orders.cart import CartLine
    from orders.services import change_part_status, place_order
    from reviews.models import Review

    settings.RATELIMIT_ENABLE = False
    product = ProductFactory(producer=farm, stock_quantity="50", min_order_quantity="1")
    order = place_order([CartLine(product, Decimal("1"), product.price_vnd)], buyer_name="Mai",
                        buyer_phone="+84903000000", commune=cai_be, address="Ấp 1")  # fmt: skip
    part = order.parts.get()
    for status in ("confirmed", "delivered"):
        change_part_status(part, status, farmer)
    url = f"{order.get_absolute_url()}danh-gia/{part.lines.get().pk}/"
    # Stars of "0" keep every post refused, so each field's value is checked on its own.
    fuzz_form(client, url, {"stars": "0", "text": "Ngon"}, ["stars", "text"],
              state=values_of(Review.objects.all()))  # fmt: skip
    client.post(url, {"stars": "5", "text": "Ngon"})  # if Hypothesis did not send 1 to 5
    review = Review.objects.get()
    fuzz_form(client, f"/danh-gia/{review.pk}/bao-cao/", {"reason": "spam", "details": "x"},
              ["reason", "details"])  # fmt: skip


@pytest.mark.parametrize(
    "price, expected",
    [("150.000", 150_000), ("150 000", 150_000), ("150000", 150_000), ("1.5", None), ("1.50", None),
     ("١٥٠", None), ("9" * 40, None), ("-5", None)],
)  # fmt: skip
def test_prices_are_read_only_in_plain_whole_dong(client, farmer, farm, price, expected):
    client.force_login(farmer)
    product = ProductFactory(producer=farm, price_vnd=99_000)

    client.post(f"/cua-toi/san-pham/{product.pk}/sua/", {**product_data(), "price_vnd": price})

    product.refresh_from_db()
    assert product.price_vnd == (expected or 99_000)


@pytest.mark.parametrize(
    "field, value",
    [("stock_quantity", "-1"), ("min_order_quantity", "-2"), ("min_order_quantity", "0"),
     ("harvested_on", "0001-01-01"), ("harvested_on", "9999-12-31")],
)  # fmt: skip
def test_loose_values_are_refused_by_the_model_too(farm, field, value):
    from django.core.exceptions import ValidationError

    product = ProductFactory(producer=farm)
    setattr(product, field, value)

    with pytest.raises(ValidationError) as refused:
        product.full_clean()
    assert field in refused.value.message_dict


def test_negative_stock_never_reaches_the_database(farm):
    from django.db import IntegrityError, transaction

    product = ProductFactory(producer=farm)
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(stock_quantity=-1)


def test_the_phone_code_forms(client, settings):
    settings.RATELIMIT_ENABLE = False
    client.post(
        "/dang-ky/",
        {
            "phone": "0912000556",
            "password1": "vu-sua-2026",
            "password2": "vu-sua-2026",
            "accept": "on",
        },
    )
    fuzz_form(client, "/dang-ky/xac-nhan/", {"code": "123456"}, ["code"])
    client.post("/quen-mat-khau/", {"phone": "0912000556"})
    fuzz_form(
        client,
        "/quen-mat-khau/xac-nhan/",
        {"code": "123456", "password1": "vu-sua-2026", "password2": "vu-sua-2026"},
        ["code", "password1", "password2"],
    )


def test_the_cart_and_checkout(client, farm, cai_be):
    product = ProductFactory(producer=farm, stock_quantity="1000")
    fuzz_form(client, "/gio-hang/cap-nhat/", {"product": str(product.pk), "quantity": "2"},
              ["product", "quantity"])  # fmt: skip
    client.post("/gio-hang/cap-nhat/", {"product": product.pk, "quantity": "1"})
    valid = {"buyer_name": "Mai", "buyer_phone": "0903123456", "buyer_email": "",
             "commune": str(cai_be.pk), "address": "Ấp 1", "note": "",
             f"delivery_{farm.pk}": "pickup", "payment_method": "cod", "accept_regulations": "on"}  # fmt: skip
    # Each accepted checkout empties the cart: put the product back before every try.
    for name, value in every_troublemaker(list(valid)):
        client.post("/gio-hang/cap-nhat/", {"product": product.pk, "quantity": "1"})
        response = client.post("/thanh-toan/", {**valid, name: value})
        assert response.status_code < 500, (name, value)


def test_the_delivery_options(client, farmer, farm, cai_be):
    client.force_login(farmer)
    valid = {"pickup_hours": "7:00", "own_delivery": "on", "own_delivery_communes": str(cai_be.pk),
             "own_delivery_fee_vnd": "15000", "courier": "on", "courier_fee_3kg_vnd": "30000",
             "courier_fee_10kg_vnd": "50000", "courier_fee_more_vnd": "90000"}  # fmt: skip
    from orders.models import DeliverySettings

    fuzz_form(
        client,
        f"/cua-toi/nha-san-xuat/{farm.pk}/giao-hang/",
        valid,
        list(valid),
        state=values_of(DeliverySettings.objects.filter(producer=farm)),
    )


def test_the_bank_account(client, farmer, farm):
    client.force_login(farmer)
    valid = {"bank_bin": "970405", "account_number": "1234567890123", "account_holder": "NGUYEN VAN BA"}  # fmt: skip
    from payments.models import BankAccount

    fuzz_form(
        client,
        f"/cua-toi/nha-san-xuat/{farm.pk}/ngan-hang/",
        valid,
        list(valid),
        state=values_of(BankAccount.objects.filter(producer=farm)),
    )


def test_the_refund_and_payout_forms(client, farm, cai_be):
    from decimal import Decimal

    from orders.cart import CartLine
    from orders.services import place_order
    from payments.models import Payment
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    product = ProductFactory(producer=farm, price_vnd=100_000)
    order = place_order([CartLine(product, Decimal("1"), 100_000)], buyer_name="Mai",
                        buyer_phone="+84903000000", commune=cai_be, address="Ấp 1",
                        payment_method="card")  # fmt: skip
    payment = Payment.objects.get(order=order)
    payment.paid_at, payment.stripe_payment_intent = timezone.now(), "pi_x"
    payment.save()
    part = order.parts.get()
    # Refused values only: an accepted refund would call Stripe.
    for name, value in every_troublemaker(["part", "amount"]):
        if name == "amount" and not value.strip():
            continue  # blank means "all that is left": a real refund
        response = client.post(
            f"/admin/payments/{payment.pk}/refund/",
            {"part": str(part.pk), "amount": "100001", "reason": "x", name: value},
        )
        assert response.status_code < 500, (name, value)
    assert not payment.refunds.exists()
    fuzz_form(
        client,
        "/admin/payouts/new/",
        {
            "producer": str(farm.pk),
            "amount_vnd": "100.000",
            "paid_on": "2026-11-01",
            "bank_reference": "FT1",
        },  # fmt: skip
        ["producer", "amount_vnd", "paid_on", "bank_reference"],
    )
