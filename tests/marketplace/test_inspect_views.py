"""Inspect pages in the admin read as officials expect: local times, phones, "—" for nothing."""

import pytest

from tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db


def test_the_producer_inspect_page_shows_local_time_a_phone_and_no_none(client, official, cai_be):
    import datetime
    import re

    from producers.models import Producer

    producer = ProducerFactory(status="submitted", commune=cai_be, phone="+84910000000")
    Producer.objects.filter(pk=producer.pk).update(
        created_at=datetime.datetime(2026, 11, 28, 17, 56, tzinfo=datetime.UTC)
    )
    client.force_login(official)

    html = client.get(f"/admin/producers/inspect/{producer.pk}/").content.decode()

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "None" not in text
    assert "0910 000 000" in text and "+84910000000" not in text
    assert "00:56" in text  # 17:56 UTC is 00:56 the next day in Vietnam
