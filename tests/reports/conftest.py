"""A scripted history over several days in March 2026, shared by the reports tests."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from catalog import services
from producers import services as producer_services
from tests.factories import ProducerFactory, ProductFactory

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour, minute=0):
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=VIETNAM)


@pytest.fixture
def clock():
    """Set the time everything sees: services, the log, and model defaults (created_at)."""
    with time_machine.travel(at(1, 0), tick=False) as traveller:
        yield traveller.move_to


@pytest.fixture
def history(clock, farmer, official, cai_be):
    clock(at(1, 8))
    producer = ProducerFactory(status="submitted", owner=farmer, commune=cai_be)
    producer_services.verify(producer, official)
    mango, pomelo, shrimp = (
        ProductFactory(producer=producer, status="draft", origin_commune=cai_be, name=name)
        for name in ("Xoài", "Bưởi", "Tôm")
    )

    clock(at(1, 10))
    services.change_status(mango, "active", farmer)
    clock(at(1, 23, 59))  # still 1 March in Vietnam (16:59 UTC)
    services.change_status(pomelo, "active", farmer)
    clock(at(2, 0, 1))  # 2 March in Vietnam, still 1 March in UTC
    services.change_status(shrimp, "active", farmer)
    clock(at(2, 12))
    services.change_status(mango, "sold_out", farmer)
    clock(at(3, 9))
    services.hide_product(pomelo, official, "Ảnh không đúng")
    clock(at(4, 9))
    producer_services.suspend(producer, official, "Khiếu nại")
    clock(at(5, 9))
    producer_services.verify(producer, official)  # reinstated
    clock(at(6, 12))
    return producer
