"""The supply outlook: announced against committed (pre-ordered, sold a year before) per
week and category; a glut flagged in a scripted history and not in a balanced one; the
same answer for a past date whenever it is asked; each official's own area."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import Category
from harvests import outlook, services
from harvests.models import HarvestAnnouncement
from orders import services as orders
from orders.cart import CartLine
from orders.models import OrderPart
from tests.factories import ProducerFactory, ProductFactory

from .conftest import announce

pytestmark = pytest.mark.django_db


def monday_in(weeks):
    return outlook.first_monday(timezone.localdate()) + datetime.timedelta(weeks=weeks)


def week_rows(rows, monday, category):
    return [row for row in rows if row.week == monday and row.category_id == category.pk]


@pytest.fixture
def rambutan(db):
    return Category.objects.get(slug="chom-chom")


def farms_of(category, count, commune):
    return [
        ProductFactory(
            producer=ProducerFactory(commune=commune),
            category=category,
            origin_commune=commune,
            photos=0,
        )
        for _ in range(count)
    ]


def sell_a_year_before(product, quantity, monday, commune):
    line = CartLine(product, Decimal(quantity), product.price_vnd)
    order = orders.place_order([line], buyer_name="Bếp ăn", buyer_phone="+84903000000",
                               commune=commune, address="Ấp 1")  # fmt: skip
    at = timezone.make_aware(
        datetime.datetime.combine(monday - outlook.A_YEAR_BEFORE, datetime.time(10))
    )
    OrderPart.objects.filter(order=order).update(status="delivered", status_changed_at=at)


def test_many_farms_ripening_at_once_with_few_buyers_are_flagged(rambutan, cai_be):
    monday = monday_in(4)
    for product in farms_of(rambutan, 6, cai_be):
        announce(product, expected_quantity=Decimal("7000"), open_quantity=Decimal("1000"),
                 window_start=monday, window_end=monday + datetime.timedelta(days=6))  # fmt: skip

    rows = week_rows(outlook.outlook(timezone.localdate(), 12, producers=True), monday, rambutan)

    assert [(row.announced, row.preordered, row.flagged) for row in rows] == [(42000, 0, True)]
    assert rows[0].communes == {cai_be.code} and len(rows[0].producers) == 6
    quiet = [row for row in outlook.outlook(timezone.localdate(), 12) if row.week != monday]
    assert not any(row.flagged for row in quiet)


def test_a_harvest_matched_by_pre_orders_and_last_years_sales_is_not_flagged(rambutan, cai_be):
    monday = monday_in(4)
    products = farms_of(rambutan, 3, cai_be)
    for product in products:
        announce(product, expected_quantity=Decimal("7000"), open_quantity=Decimal("4000"),
                 window_start=monday, window_end=monday + datetime.timedelta(days=6))  # fmt: skip
    HarvestAnnouncement.objects.update(reserved_quantity=Decimal("3000"))  # 9 t pre-ordered
    for announcement in HarvestAnnouncement.objects.all():
        services.log(announcement, "preordered")
    products[0].stock_quantity = None
    products[0].save()
    sell_a_year_before(products[0], "2500", monday, cai_be)

    (row,) = week_rows(outlook.outlook(timezone.localdate(), 12), monday, rambutan)

    assert (row.announced, row.preordered, row.sold_last_year) == (21000, 9000, 2500)
    assert not row.flagged  # 21 t against 11.5 t committed: under twice


def test_a_window_across_weeks_is_spread_by_its_days(mango):
    monday = monday_in(2)
    # Five days in the first week, two in the next: 5/7 and 2/7 of 700 kg.
    announce(mango, expected_quantity=Decimal("700"), open_quantity=Decimal("0"),
             window_start=monday + datetime.timedelta(days=2),
             window_end=monday + datetime.timedelta(days=8))  # fmt: skip
    rows = outlook.outlook(timezone.localdate(), 12)
    assert [(row.week, row.announced) for row in rows] == [
        (monday, Decimal("500.00")),
        (monday + datetime.timedelta(weeks=1), Decimal("200.00")),
    ]


def test_the_outlook_of_a_past_day_stays_what_was_known_then(mango, farmer):
    long_ago = timezone.now() - datetime.timedelta(days=3)
    announcement = announce(mango, at=long_ago, expected_quantity=Decimal("2000"))
    announcement.expected_quantity = Decimal("5000")
    services.change(announcement, farmer)
    then = timezone.localdate() - datetime.timedelta(days=2)
    from reports.counts import end_of_day

    known_then = outlook.outlook(timezone.localdate(), 12, as_of=end_of_day(then))
    known_now = outlook.outlook(timezone.localdate(), 12)
    before_it = outlook.outlook(
        timezone.localdate(), 12, as_of=long_ago - datetime.timedelta(hours=1)
    )

    assert sum(row.announced for row in known_then) == Decimal("2000.00")
    assert sum(row.announced for row in known_now) == Decimal("5000.00")
    assert before_it == []
    services.withdraw(announcement, farmer, "Sâu bệnh")
    assert outlook.outlook(timezone.localdate(), 12) == []
    assert (
        sum(r.announced for r in outlook.outlook(timezone.localdate(), 12, as_of=end_of_day(then)))
        == 2000
    )


def test_an_official_sees_the_outlook_of_their_own_communes(client, mango, home_communes):
    from accounts.roles import OFFICIALS
    from tests.factories import UserFactory

    elsewhere = home_communes.exclude(pk=mango.origin_commune_id).first()
    announce(ProductFactory(producer=ProducerFactory(commune=elsewhere), origin_commune=elsewhere,
                            name="Dưa hấu"))  # fmt: skip
    monday = monday_in(2)  # a glut: the flagged rows name their communes and producers
    announce(mango, expected_quantity=Decimal("20000"), open_quantity=Decimal("1000"),
             window_start=monday, window_end=monday + datetime.timedelta(days=6))  # fmt: skip
    official = UserFactory(
        username="canbo_caibe", roles=[OFFICIALS], areas={"communes": [mango.origin_commune]}
    )
    client.force_login(official)

    html = client.get("/admin/trien-vong-nguon-cung/").content.decode()
    assert mango.producer.display_name in html
    assert elsewhere.name not in html and "Dưa hấu" not in html
    response = client.get("/admin/trien-vong-nguon-cung/", {"export": "csv"})
    export = b"".join(response.streaming_content).decode()
    assert mango.producer.display_name in export and elsewhere.name not in export
    xlsx = client.get("/admin/trien-vong-nguon-cung/", {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_the_dashboard_warns_each_official_of_a_glut_in_their_communes(client, rambutan, cai_be,
                                                                       home_communes):  # fmt: skip
    from accounts.roles import OFFICIALS
    from tests.factories import UserFactory

    monday = monday_in(3)
    for product in farms_of(rambutan, 6, cai_be):
        announce(product, expected_quantity=Decimal("7000"), open_quantity=Decimal("1000"),
                 window_start=monday, window_end=monday + datetime.timedelta(days=6))  # fmt: skip
    elsewhere = home_communes.exclude(pk=cai_be.pk).first()
    here = UserFactory(username="canbo_caibe", roles=[OFFICIALS], areas={"communes": [cai_be]})
    there = UserFactory(username="canbo_khac", roles=[OFFICIALS], areas={"communes": [elsewhere]})

    def panel(user):
        client.force_login(user)
        html = client.get("/admin/").content.decode()
        start = html.index("Tuần có nguy cơ dư cung")
        return html[start : start + 400]

    assert ">1<" in panel(here).replace(" ", "").replace("\n", "")
    assert ">0<" in panel(there).replace(" ", "").replace("\n", "")
