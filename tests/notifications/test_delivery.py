"""Issue 23: every step reaches people by text. An order texts each farm (and its
helper) and the buyer once it commits; a gateway that refuses for a while loses nothing
and sends nothing twice; Zalo first, SMS for whoever has no Zalo; an expired Zalo token
is renewed and its one-use refresh token kept."""

import datetime

import pytest
from django.utils import timezone

from notifications import outbox
from notifications.models import Attempt, Message, MessageStatus
from orders.models import Order
from tests.orders.conftest import checkout_data, put

pytestmark = pytest.mark.django_db


def place(client, products, commune, capture, **overrides):
    for product, quantity in products:
        put(client, product, quantity)
    with capture(execute=True):
        assert client.post("/thanh-toan/", checkout_data(commune, **overrides)).status_code == 302
    return Order.objects.latest("pk")


def deliver_until_done(rounds=12):
    """The scheduled worker, run at the times the backoff asks for."""
    moment = timezone.now()
    for _ in range(rounds):
        moment += datetime.timedelta(hours=7)
        outbox.deliver_due(now=moment)
        Message.objects.filter(status=MessageStatus.QUEUED).update(next_attempt_at=moment)


def test_an_order_texts_each_farm_its_helper_and_the_buyer_as_it_commits(
    client, farm, farmer, helper, mango, pomelo, cai_be, sms_outbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    order = place(client, [(mango, "2"), (pomelo, "4")], cai_be, django_capture_on_commit_callbacks)

    texts = {}
    for phone, text in sms_outbox:
        texts.setdefault(phone, []).append(text)
    other_farm = pomelo.producer
    for phone in (farm.phone, farmer.phone, helper.phone, other_farm.phone):
        assert any(order.code in text and "/cua-toi/" in text for text in texts[phone]), phone
    buyer = texts[order.buyer_phone]
    assert len(buyer) == 1 and order.code in buyer[0] and order.get_absolute_url() in buyer[0]
    assert buyer[0].isascii()  # unaccented by default: GSM-7, 160 characters a message
    assert Message.objects.filter(status=MessageStatus.SENT).count() == len(sms_outbox)


def test_the_gateway_refuses_for_a_while_then_accepts_and_every_message_arrives_once(
    client, gateway, settings, mango, pomelo, cai_be, django_capture_on_commit_callbacks
):
    settings.ZALO_TEMPLATES = {}  # SMS only: the eSMS outage is the one under test
    # Down twice, then taken but the answer lost twice (the retry must not send it again).
    gateway.esms_failures = ["down", "down", "lost", "lost", "down"]
    order = place(client, [(mango, "2"), (pomelo, "4")], cai_be, django_capture_on_commit_callbacks)
    assert Message.objects.filter(status=MessageStatus.QUEUED).exists()  # the outage held some

    deliver_until_done()

    messages = Message.objects.all()
    assert {m.status for m in messages} == {MessageStatus.SENT}
    phones = [phone for phone, _text, _unicode in gateway.sms]
    assert sorted(phones) == sorted(m.phone for m in messages)  # every one, once
    assert gateway.duplicates == 2  # the two lost answers were retried and not sent twice
    assert any(order.code in text for _phone, text, _u in gateway.sms)
    assert Attempt.objects.filter(outcome=Attempt.Outcome.RETRY).count() == 5


def test_zalo_first_and_sms_for_whoever_has_no_zalo(
    client, gateway, farm, mango, cai_be, django_capture_on_commit_callbacks
):
    gateway.no_zalo.add("84903123456")  # the buyer

    order = place(client, [(mango, "2")], cai_be, django_capture_on_commit_callbacks)

    assert "84903123456" not in [phone for phone, *_ in gateway.zns]
    assert [text for phone, text, _u in gateway.sms if phone.endswith("903123456")]
    farm_texts = [data for phone, template, data in gateway.zns if template == "301001"]
    assert farm_texts and all(order.code in data["message"] for data in farm_texts)
    buyer = Message.objects.get(phone=order.buyer_phone)
    assert (buyer.sent_channel, buyer.log.filter(channel="zalo").get().outcome) == ("sms", "failed")


def test_an_expired_zalo_token_is_renewed_and_the_new_refresh_token_kept(
    client, gateway, farm, mango, cai_be, django_capture_on_commit_callbacks
):
    from notifications.models import GatewayToken

    gateway.expire_access_token()  # revoked or expired before its time

    place(client, [(mango, "2")], cai_be, django_capture_on_commit_callbacks)
    first_refresh = gateway.refresh_token
    gateway.expire_access_token()
    place(client, [(mango, "1")], cai_be, django_capture_on_commit_callbacks)

    assert gateway.refreshes == 2  # each time with the refresh token the last one returned
    assert GatewayToken.objects.get().refresh_token == gateway.refresh_token != first_refresh
    assert {m.status for m in Message.objects.all()} == {MessageStatus.SENT}
    assert gateway.zns


def test_writing_a_message_twice_keeps_one(sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue(outbox.message("test:1", "test", "Xin chào", phone="+84912000009"))
        outbox.queue(outbox.message("test:1", "test", "Xin chào", phone="+84912000009"))

    assert Message.objects.count() == 1 and len(sms_outbox) == 1


def test_a_person_who_turned_texts_off_is_not_texted_but_still_gets_codes(
    client, farmer, sms_outbox, django_capture_on_commit_callbacks
):
    client.force_login(farmer)
    page = client.get("/cua-toi/thong-bao/")
    assert page.status_code == 200
    client.post("/cua-toi/thong-bao/", {"zalo": "on", "email": "on"})  # SMS unticked

    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue(outbox.message("test:2", "test", "Đơn hàng mới", phone=farmer.phone))
        from accounts.models import CodePurpose
        from accounts.verification import send_code

        send_code(farmer.phone, CodePurpose.RESET)

    assert Message.objects.filter(key="test:2").count() == 0
    assert len(sms_outbox) == 1 and "mật khẩu" in sms_outbox[0][1]  # the code, still


def test_officials_read_the_log_and_the_counts_per_day_and_channel(client, official):
    from notifications.admin_views import daily_table

    for number, (status, channel) in enumerate(
        [("sent", "sms"), ("sent", "sms"), ("sent", "zalo"), ("failed", ""), ("queued", "")]
    ):
        Message.objects.create(
            key=f"log:{number}", event="buyer_order", text="Đơn CNS-1", phone="+84903000000",
            channels=["sms"], status=status, sent_channel=channel,
        )  # fmt: skip

    [(day, sent, failed, waiting)] = daily_table()
    assert day == timezone.localdate()
    assert (sent, failed, waiting) == ([1, 2, 0], 1, 1)  # by Zalo, SMS, e-mail
    client.force_login(official)
    page = client.get("/admin/notifications/").content.decode()
    assert "Tin nhắn theo ngày" in page and "gửi qua SMS" in page


def test_a_gateway_that_refuses_the_keys_fails_the_message_once_and_says_why(
    gateway, settings, django_capture_on_commit_callbacks
):
    settings.ZALO_TEMPLATES = {}
    settings.ESMS_SECRET_KEY = "wrong"  # eSMS answers 101: no retry mends it

    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue(outbox.message("keys:1", "test", "Đơn hàng mới", phone="+84912000009"))

    message = Message.objects.get()
    assert message.status == MessageStatus.FAILED and "101" in message.last_error
    assert [a.outcome for a in message.log.all()] == [Attempt.Outcome.FAILED]
    assert gateway.sms == []
