"""A buyer's complaint on one producer's part: opened within the window with up to three
re-encoded photos, answered by the producer, accepted or mediated, resolved through the
refund records (README, "Legal duties")."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from complaints import services
from complaints.models import Complaint
from orders.cart import CartLine
from orders.models import DeliveryMethod, PartStatus, PaymentMethod
from orders.services import change_part_status, place_order
from payments.models import Payment, Refund, RefundStatus
from producers.models import ProducerNotice
from tests.payments.test_ledger import pay
from tests.photos import jpeg

pytestmark = pytest.mark.django_db


def delivered(product, commune, actor, method=PaymentMethod.CASH_ON_DELIVERY):
    order = place_order(
        [CartLine(product, Decimal("2"), product.price_vnd)],
        deliveries={product.producer_id: DeliveryMethod.PICKUP},
        buyer_name="Lê Thị Mai", buyer_phone="+84903123456", commune=commune,
        address="12 Ấp Bắc", payment_method=method,
    )  # fmt: skip
    if method == PaymentMethod.CARD:
        pay(order.payments.get())
    part = order.parts.get()
    for status in (PartStatus.CONFIRMED, PartStatus.SHIPPED, PartStatus.DELIVERED):
        change_part_status(part, status, actor)
    return order, part


def complain_url(order, part):
    return f"/don-hang/{order.code}/{order.secret}/khieu-nai/moi/{part.pk}/"


def test_a_buyer_complains_with_photos_and_the_producer_is_told(client, farmer, mango, cai_be):
    order, part = delivered(mango, cai_be, farmer)
    photos = [jpeg(name="dap.jpg", gps=True), jpeg(name="dap2.jpg", colour=(10, 200, 10))]

    response = client.post(complain_url(order, part), {
        "reason": "damaged", "text": "Xoài dập 3 trái", "photos": photos,
    })  # fmt: skip

    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.state, complaint.reason) == ("open", "damaged")
    assert complaint.answer_due_at - complaint.opened_at == datetime.timedelta(days=3)
    stored = [photo.image for photo in complaint.photos.all()]
    assert len(stored) == 2 and not any(image.name.endswith("dap.jpg") for image in stored)
    with Image.open(stored[0].open("rb")) as image:
        assert not image.getexif()  # the phone's GPS position is gone
    notice = ProducerNotice.objects.get(producer=part.producer, topic=f"complaint-{complaint.pk}")
    assert order.code in notice.message
    page = client.get(order.get_absolute_url()).content.decode()
    assert "Chờ nhà sản xuất trả lời" in page and "Xoài dập 3 trái" in page
    again = client.post(complain_url(order, part), {"reason": "other", "text": "Nữa"})
    assert "đã có một khiếu nại đang mở" in again.content.decode().lower()
    assert Complaint.objects.count() == 1


def test_bad_complaints_are_refused_and_nothing_is_kept(client, farmer, mango, pomelo, cai_be):
    order, part = delivered(mango, cai_be, farmer)
    other_order, other_part = delivered(pomelo, cai_be, pomelo.producer.memberships.get().user)

    # Someone else's part through this order's link: not found.
    assert client.get(complain_url(order, other_part)).status_code == 404
    four = client.post(complain_url(order, part), {
        "reason": "damaged", "text": "Dập", "photos": [jpeg(name=f"{n}.jpg") for n in range(4)],
    })  # fmt: skip
    assert "Tối đa 3 ảnh." in four.content.decode()
    fake = client.post(complain_url(order, part), {
        "reason": "damaged", "text": "Dập", "photos": [SimpleUploadedFile(
            "x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")],
    })  # fmt: skip
    assert fake.status_code == 200
    part.status_changed_at = timezone.now() - datetime.timedelta(days=8)
    part.save()
    late = client.post(complain_url(order, part), {"reason": "damaged", "text": "Dập"})
    assert "Đã hết thời hạn khiếu nại" in late.content.decode()
    assert not Complaint.objects.exists()


def test_a_partial_refund_the_buyer_accepts_goes_back_to_the_card(
    client, farmer, other_farmer, mango, cai_be
):
    order, part = delivered(mango, cai_be, farmer, method=PaymentMethod.CARD)
    complaint = services.open_complaint(part, reason="short", text="Thiếu 0,5 kg")
    client.force_login(other_farmer)
    assert client.get(f"/cua-toi/khieu-nai/{complaint.pk}/").status_code == 404
    client.force_login(farmer)
    too_much = client.post(f"/cua-toi/khieu-nai/{complaint.pk}/", {
        "text": "Xin lỗi", "proposal": "partial_refund", "amount": "240.000"})  # fmt: skip
    assert "Hoàn một phần là từ 1 ₫ đến 239.999" in too_much.content.decode()

    client.post(f"/cua-toi/khieu-nai/{complaint.pk}/",
                {"text": "Xin lỗi chị", "proposal": "partial_refund", "amount": "60.000"})  # fmt: skip
    client.logout()
    client.post(f"/don-hang/{order.code}/{order.secret}/khieu-nai/{complaint.pk}/chap-nhan/")

    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome, complaint.refund_vnd) == (
        "resolved",
        "partial_refund",
        60_000,
    )
    refund = Refund.objects.get()
    assert complaint.refund == refund and refund.amount_vnd == 60_000
    assert refund.payment == Payment.objects.get(method="card") and refund.part == part


def test_an_unanswered_complaint_goes_to_an_official_who_decides(
    client, farmer, official, mango, cai_be, time_machine
):
    order, part = delivered(mango, cai_be, farmer)
    complaint = services.open_complaint(part, reason="quality", text="Chua")
    early = client.post(
        f"/don-hang/{order.code}/{order.secret}/khieu-nai/{complaint.pk}/nho-can-bo/"
    )
    assert early.status_code == 302 and Complaint.objects.get().state == "open"
    time_machine.move_to(timezone.now() + datetime.timedelta(days=3, hours=1))

    assert services.mediate_unanswered() == 1
    client.force_login(official)
    client.post(f"/admin/complaints/{complaint.pk}/decide/", {"outcome": "rejected", "note": ""})
    assert Complaint.objects.get().state == "mediation"
    client.post(f"/admin/complaints/{complaint.pk}/decide/",
                {"outcome": "rejected", "note": "Xoài đúng giống, độ chua tự nhiên"})  # fmt: skip

    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome, complaint.decided_by) == (
        "resolved",
        "rejected",
        official,
    )
    assert not Refund.objects.exists()
    inspect = client.get(f"/admin/producers/inspect/{part.producer.pk}/").content.decode()
    assert "Khiếu nại" in inspect


def test_a_refund_on_a_transfer_is_owed_back_by_the_producer(farmer, official, mango, cai_be):
    order, part = delivered(mango, cai_be, farmer, method=PaymentMethod.CASH_ON_DELIVERY)
    Payment.objects.create(order=order, part=part, method="bank_transfer",
                           amount_vnd=part.total_vnd, status="paid", paid_at=timezone.now(),
                           expires_at=timezone.now())  # fmt: skip
    complaint = services.open_complaint(part, reason="not_received", text="Không nhận được")

    services.decide(complaint, official, outcome="refund", note="Không giao được")

    owed = Refund.objects.get()
    assert (owed.status, owed.amount_vnd) == (RefundStatus.OWED, part.total_vnd)
    assert Complaint.objects.get().refund == owed


def test_the_figures_per_producer_count_each_outcome(farmer, official, mango, cai_be):
    for outcome in ("rejected", "refund"):
        _order, part = delivered(mango, cai_be, farmer)
        complaint = services.open_complaint(part, reason="other", text="?")
        services.decide(complaint, official, outcome=outcome, note="Đã xem")
    _order, part = delivered(mango, cai_be, farmer)
    services.open_complaint(part, reason="other", text="?")

    counted = services.figures(type(mango.producer).objects.filter(pk=mango.producer.pk)).get()

    assert (counted.complaints, counted.complaints_open, counted.complaints_refunded,
            counted.complaints_rejected) == (3, 1, 1, 1)  # fmt: skip
