"""Issue 23: buyers sign up as buyers (no seller wizard), find their orders and
addresses kept, buy a past order again, and may start selling from the same account."""

import re

import pytest
from django.contrib.auth import get_user_model

from accounts.roles import FARMERS

pytestmark = pytest.mark.django_db


def sign_up_as_buyer(client, sms_outbox, capture, phone="0933 222 111"):
    with capture(execute=True):
        response = client.post(
            "/dang-ky/",
            {
                "kind": "mua",
                "phone": phone,
                "password1": "mua-xoai-2026",
                "password2": "mua-xoai-2026",
                "accept": "on",
            },
        )
    assert response["Location"] == "/dang-ky/xac-nhan/"
    code = re.search(r"\b(\d{6})\b", sms_outbox[-1][1])[1]
    return client.post("/dang-ky/xac-nhan/", {"code": code})


def test_a_buyer_signs_up_without_the_seller_wizard(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    page = client.get("/dang-ky/?vai-tro=mua").content.decode()
    assert 'value="mua" checked' in page or 'value="mua"\n' in page or "checked" in page

    response = sign_up_as_buyer(client, sms_outbox, django_capture_on_commit_callbacks)

    assert response["Location"] == "/don-hang/"
    user = get_user_model().objects.get(phone="+84933222111")
    assert not user.groups.filter(name=FARMERS).exists()
    assert "Tài khoản của bạn đã sẵn sàng" in client.get("/don-hang/").content.decode()


def test_a_buyer_starts_selling_later_from_the_same_account(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    sign_up_as_buyer(client, sms_outbox, django_capture_on_commit_callbacks)

    response = client.post(
        "/cua-toi/nha-san-xuat/moi/",
        {"kind": "household", "display_name": "Vườn xoài Bảy Hòa", "representative": "Lê Văn Bảy",
         "phone": "0933 222 111"},
    )  # fmt: skip

    assert response.status_code == 302
    user = get_user_model().objects.get(phone="+84933222111")
    assert user.groups.filter(name=FARMERS).exists()
    assert user.producer_memberships.get().producer.display_name == "Vườn xoài Bảy Hòa"
