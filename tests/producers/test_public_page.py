import datetime

import pytest
from django.utils import timezone

from producers.models import Certification
from tests.factories import ProducerFactory
from tests.html import json_ld

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer(cai_be):
    producer = ProducerFactory(
        display_name="HTX Xoài cát Hòa Lộc",
        slug="htx-xoai-cat-hoa-loc",
        kind="cooperative",
        phone="+84912345678",
        zalo_phone="+84987654321",
        commune=cai_be,
        story="<p>Hợp tác xã <strong>30 hộ</strong> trồng xoài.</p>",
    )
    Certification.objects.create(
        producer=producer,
        kind="ocop",
        ocop_stars=4,
        number="OCOP-4-2025",
        issuer="UBND tỉnh Đồng Tháp",
        expires_on=datetime.date(2028, 6, 30),
        approved_at=timezone.now(),
    )
    return producer


def test_the_public_page_shows_contact_story_and_certifications(client, producer):
    response = client.get("/nha-san-xuat/htx-xoai-cat-hoa-loc/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="tel:0912345678"' in html
    assert 'href="https://zalo.me/0987654321"' in html
    assert "Gọi 0912 345 678" in html
    assert "Xã Cái Bè, Đồng Tháp" in html
    assert "<strong>30 hộ</strong>" in html
    assert "OCOP 4★" in html
    assert "còn hạn đến 30/06/2028" in html


def test_the_page_describes_the_producer_as_a_local_business(client, producer):
    html = client.get(producer.get_absolute_url()).content.decode()

    data = json_ld(html)
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "HTX Xoài cát Hòa Lộc"
    assert data["telephone"] == "+84912345678"
    assert data["address"]["addressLocality"] == "Xã Cái Bè"
    assert data["address"]["addressCountry"] == "VN"


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "suspended"])
def test_only_verified_producers_are_public(client, producer, status):
    producer.status = status
    producer.save()

    assert client.get(producer.get_absolute_url()).status_code == 404


def test_the_page_needs_few_queries(client, producer, django_assert_max_num_queries):
    # the 13th: the seller's identity check; the 14th: its coming harvests; the 15th: reviews
    with django_assert_max_num_queries(15):
        client.get(producer.get_absolute_url())
