"""An official's admin home shows what waits: the verification queue, reports, listings."""

import re

import pytest

from catalog.models import ListingReport
from tests.factories import ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_the_admin_home_shows_what_waits_for_an_official(client, official, farm, cai_be):
    ProducerFactory(status="submitted", commune=cai_be)
    product = ProductFactory(producer=farm, origin_commune=cai_be)
    ListingReport.objects.create(product=product, reason="other", details="Sai giá")
    client.force_login(official)

    html = client.get("/admin/").content.decode()

    assert "Nhà sản xuất chờ xác minh" in html
    # Producers without any change are not "changes waiting" (a LEFT JOIN counted them).
    assert re.search(r"Thay đổi chờ duyệt</a></td><td><strong>0<", html)
    assert "?status=submitted&amp;ordering=status_changed_at" in html
    assert "Báo cáo sản phẩm chưa xử lý" in html and "Sản phẩm đang niêm yết" in html


def test_the_queue_puts_the_longest_waiting_first_and_moderation_returns_to_it(
    client, official, cai_be
):
    import datetime
    import html as html_module

    from django.utils import timezone

    from producers.models import Producer

    # Waiting order is the reverse of the names' order and of the order they were made in,
    # so neither the default ordering nor the primary key puts them right by chance.
    # One imported without a status date goes last on every database (SQLite sorts it first).
    ProducerFactory(
        display_name="Vườn E", status="submitted", commune=cai_be, status_changed_at=None
    )
    waits = {"Vườn A": 123, "Vườn B": 124, "Vườn C": 521, "Vườn D": 638}
    for name, days in waits.items():
        producer = ProducerFactory(display_name=name, status="submitted", commune=cai_be)
        Producer.objects.filter(pk=producer.pk).update(
            status_changed_at=timezone.now() - datetime.timedelta(days=days)
        )
    older = Producer.objects.get(display_name="Vườn D")
    client.force_login(official)
    home = client.get("/admin/").content.decode()
    queue_link = html_module.unescape(re.search(r'href="([^"]*status=submitted[^"]*)"', home)[1])

    html = client.get(queue_link).content.decode()

    shown = sorted([*waits, "Vườn E"], key=html.index)
    assert shown == ["Vườn D", "Vườn C", "Vườn B", "Vườn A", "Vườn E"]
    assert "638 ngày" in html  # how long it has waited

    response = client.post(
        f"/admin/producers/moderate/{older.pk}/", {"action": "verify", "reason": "", "looked": "1"}
    )
    assert response["Location"].endswith("?status=submitted&ordering=status_changed_at")
