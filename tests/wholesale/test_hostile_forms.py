"""Every field of the wholesale forms, given any value: a form error or success, never a
5xx; a refused value changes nothing."""

import datetime

import pytest
from django.utils import timezone

from tests.hostile.test_form_fields import fuzz_form, values_of
from wholesale.models import Business, Offer, PriceTier, QuoteRequest

from .conftest import owner_of, post

pytestmark = pytest.mark.django_db


def test_the_business_registration(client, kitchen_user, cai_be):
    client.force_login(kitchen_user)
    valid = {"kind": "kitchen", "name": "Bếp ăn", "tax_code": "0312 687 879", "contact_name": "Hạnh",
             "phone": "0903555001", "email": "", "commune": str(cai_be.pk), "address": "Ấp 1"}  # fmt: skip
    # The tax code is a digit off: every post is refused, and nothing is written.
    fuzz_form(client, "/cua-toi/mua-si/dang-ky/", valid, list(valid), values_of(Business.objects))


def test_the_quantity_prices(client, rice_products, coop_owner):
    client.force_login(coop_owner)
    product = rice_products[0]
    valid = {
        "quantity_0": "50",
        "price_0": "36.000",
        "quantity_1": "500",
        "price_1": "38.000",
        "public": "on",
    }  # fmt: skip  (prices going up: refused)
    fuzz_form(client, f"/cua-toi/gia-si/{product.pk}/", valid, list(valid),
              values_of(PriceTier.objects))  # fmt: skip


def test_the_request_for_quotation(client, kitchen, coops, rice_products, cai_be):
    client.force_login(kitchen.user)
    valid = {
        "product": "",
        "quantity": "200",
        "unit": "kg",
        "schedule": "weekly",
        "deliver_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "commune": str(cai_be.pk),
        "address": "Trường",
        "notes": "",
        "chosen": [str(coops[0].pk)],
        "communes": [],
    }  # fmt: skip  (a date past: refused)
    fuzz_form(client, "/cua-toi/mua-si/yeu-cau-moi/?category=gao-ngu-coc", valid, list(valid),
              values_of(QuoteRequest.objects))  # fmt: skip


def test_the_offer(client, kitchen, rice, cai_be, coops, rice_products):
    request = post(kitchen, rice, cai_be, coops)
    client.force_login(owner_of(coops[0]))
    valid = {"product": str(rice_products[0].pk), "price_vnd": "36.000", "quantity": "0",
             "delivery_fee_vnd": "0", "deliver_on": request.deliver_on.isoformat(),
             "valid_until": timezone.localdate().isoformat(), "note": ""}  # fmt: skip
    fuzz_form(client, f"/cua-toi/yeu-cau-bao-gia/{request.pk}/", valid, list(valid),
              values_of(Offer.objects))  # fmt: skip


def test_the_portal_pages_parameters(client, kitchen, rice, cai_be, coops, rice_products):
    from hypothesis import given
    from hypothesis import strategies as st

    from tests.hostile.values import fuzz, hostile_text

    request = post(kitchen, rice, cai_be, coops)
    pages = [
        (kitchen.user, "/cua-toi/mua-si/yeu-cau-moi/", ["category", "product"]),
        (owner_of(coops[0]), f"/cua-toi/yeu-cau-bao-gia/{request.pk}/", ["producer"]),
    ]

    @fuzz
    @given(
        page=st.sampled_from(pages),
        value=hostile_text,
        other=st.sampled_from(["", "gao-ngu-coc", "9" * 30]),
    )
    def check(page, value, other):
        user, url, names = page
        client.force_login(user)
        for name in names:
            params = {names[0]: other, name: value}
            assert client.get(url, params).status_code < 500, (url, params)

    check()
