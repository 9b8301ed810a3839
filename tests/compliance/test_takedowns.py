"""An authority's takedown request hides the named listings at once, with its reason shown
to the farmer; the admin home shows its clock; the audit log records each step; repeated
violations suspend the seller."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from catalog.models import Product
from compliance import takedowns
from compliance.models import LegalDeadlines, Takedown, Violation
from producers.models import ProducerNotice, VerificationStatus
from tests.factories import ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db

REQUEST = {
    "agency": "Sở Công Thương tỉnh Đồng Tháp",
    "document_number": "123/SCT-QLTM",
    "document_date": datetime.date(2026, 12, 1),
    "reason": "Quảng cáo sai công dụng",
}


@pytest.fixture
def listing(farmer, cai_be):
    return ProductFactory(
        producer=ProducerFactory(owner=farmer, commune=cai_be), name="Xoài chữa bệnh"
    )


def post_request(client, **fields):
    data = {**REQUEST, "document_date": "2026-12-01", "listings": "", "sellers": "", **fields}
    return client.post("/admin/takedowns/new/", data)


def test_recording_hides_the_listing_at_once_with_the_reason_for_the_farmer(
    client, official, listing
):
    client.force_login(official)
    response = post_request(client, listings=f"https://cho.example.vn/san-pham/{listing.slug}/")

    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.is_hidden and not listing.is_listed
    client.logout()
    assert client.get(listing.get_absolute_url()).status_code == 404
    notice = ProducerNotice.objects.filter(producer=listing.producer).first()
    assert "123/SCT-QLTM" in notice.message and "Quảng cáo sai công dụng" in notice.message
    takedown = Takedown.objects.get()
    assert takedown.state == "done"
    assert takedown.deadline_at == takedown.received_at + datetime.timedelta(hours=24)
    assert ModelLogEntry.objects.filter(action="compliance.takedown_recorded",
                                        object_id=str(takedown.pk)).exists()  # fmt: skip


def test_the_admin_home_shows_the_clock(client, official, listing):
    received = timezone.now() - datetime.timedelta(hours=30)
    takedowns.record(official, products=[listing], received_at=received, **REQUEST)
    client.force_login(official)

    home = client.get("/admin/").content.decode()

    assert "123/SCT-QLTM" in home and "Làm xong sau hạn" in home  # done after the 24 h


def test_an_unknown_listing_is_a_form_error_and_nothing_changes(client, official, listing):
    client.force_login(official)
    response = post_request(client, listings=f"{listing.slug}\nkhong-co-tin-nay")

    assert response.status_code == 200
    assert "khong-co-tin-nay" in response.content.decode()
    listing.refresh_from_db()
    assert not listing.is_hidden and not Takedown.objects.exists()


def test_a_named_seller_is_suspended(official, listing):
    takedowns.record(official, producers=[listing.producer], **REQUEST)

    listing.producer.refresh_from_db()
    assert listing.producer.status == VerificationStatus.SUSPENDED
    assert not Product.objects.get(pk=listing.pk).is_listed


def test_repeated_violations_suspend_the_seller(official, farmer, cai_be):
    LegalDeadlines.objects.update_or_create(pk=1, defaults={"warnings_before_suspension": 2})
    producer = ProducerFactory(owner=farmer)
    first, second = ProductFactory(producer=producer), ProductFactory(producer=producer)

    takedowns.record(official, products=[first], **REQUEST)
    producer.refresh_from_db()
    assert producer.status == VerificationStatus.VERIFIED
    takedowns.record(official, products=[second], **{**REQUEST, "document_number": "124/SCT"})

    producer.refresh_from_db()
    assert producer.status == VerificationStatus.SUSPENDED
    assert list(Violation.objects.filter(producer=producer).values_list("kind", flat=True)) == [
        "suspension", "warning", "warning",
    ]  # fmt: skip


def test_lifting_brings_the_listing_back_and_is_logged(official, listing):
    takedown = takedowns.record(official, products=[listing], **REQUEST)

    takedowns.lift(takedown, official, "Sở đã rút yêu cầu")

    listing.refresh_from_db()
    assert not listing.is_hidden and listing.is_listed
    assert ModelLogEntry.objects.filter(action="compliance.takedown_lifted").exists()


def test_a_request_without_listings_or_from_the_future_is_refused(client, official, listing):
    client.force_login(official)
    assert post_request(client).status_code == 200
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert post_request(client, listings=listing.slug, document_date=tomorrow).status_code == 200
    assert not Takedown.objects.exists()


def test_a_farmer_or_buyer_cannot_record_one(client, farmer, listing):
    client.force_login(farmer)
    assert post_request(client, listings=listing.slug).status_code in (302, 403)
    assert not Takedown.objects.exists()
