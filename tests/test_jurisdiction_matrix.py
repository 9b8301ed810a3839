"""Every project admin screen × officials of different areas (issue 25): what a commune's
official reaches is their commune's, a province's is its communes', another province's
is none of it, and the whole installation's is everything.

Three communes hold the same things (a producer, its product, a report on it, an order
and its payment, money owed back, a complaint, an identity check, a takedown, a payout,
tax withheld, a deletion request, a target, a digital-team member's area): two of the
home province, one of a second province. Each official opens every screen of every one.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import DIGITAL_TEAM, OFFICIALS
from areas.models import AreaGrant, Commune
from areas.services import load_admin_units
from catalog.models import ListingReport
from complaints.models import Complaint
from compliance.models import IdentityCheck, Takedown
from orders.cart import CartLine
from orders.services import place_order
from payments.models import Payment, Payout, Refund, RefundStatus
from privacy.models import DataRequest
from reports.models import Target
from taxes.models import Withholding
from tests.factories import ProducerFactory, ProductFactory, UserFactory
from tests.photos import jpeg
from tests.test_authorization_matrix import client_as, is_project_admin, outcome, url_patterns

pytestmark = pytest.mark.django_db

SECOND_PROVINCE = 86  # Vĩnh Long
OFFICIALS_BY_AREA = ("commune_a", "commune_b", "province", "other_province", "national")
# Which of the places each official holds.
HOLDS = {
    "commune_a": {"a"},
    "commune_b": {"b"},
    "province": {"a", "b"},
    "other_province": {"c"},
    "national": {"a", "b", "c"},
}


def holdings(place, commune, number):
    """Everything officials reach that belongs to one commune: {admin namespace: pk}."""
    owner = UserFactory(username=f"nong-dan-{place}", phone=f"+8491200010{number}")
    farm = ProducerFactory(
        display_name=f"Vườn {place.upper()} dấu-{place}", owner=owner, commune=commune
    )
    product = ProductFactory(producer=farm, name=f"Xoài dấu-{place}", origin_commune=commune)
    order = place_order(
        [CartLine(product, Decimal("1"), product.price_vnd)],
        buyer_name=f"Người mua dấu-{place}", buyer_phone=f"+8490300000{number}",
        commune=commune, address="Ấp 1",
    )  # fmt: skip
    part = order.parts.get()
    now = timezone.now()
    payment = Payment.objects.create(
        order=order, part=part, method="bank_transfer", amount_vnd=part.total_vnd,
        status="paid", paid_at=now, expires_at=now,
    )  # fmt: skip
    refund = Refund.objects.create(payment=payment, part=part, amount_vnd=part.total_vnd,
                                   reason="Hủy", status=RefundStatus.OWED)  # fmt: skip
    takedown = Takedown.objects.create(
        agency="Sở Công Thương", document_number=f"{number}/QĐ", reason="Hàng giả",
        document_date=datetime.date(2026, 11, 1), deadline_at=now,
    )  # fmt: skip
    takedown.products.add(product)
    checked = IdentityCheck.objects.create(
        producer=farm, method="in_person", full_name="Lê Văn Ba",
        expires_on=datetime.date(2027, 12, 31), card_photo=jpeg(),
    )  # fmt: skip
    helper = UserFactory(username=f"to-cns-{place}", roles=[DIGITAL_TEAM],
                         areas={"communes": [commune]})  # fmt: skip
    return {
        "producers_admin": farm.pk,
        "products_admin": product.pk,
        "listing_reports_admin": ListingReport.objects.create(
            product=product, reason="other", details="?"
        ).pk,
        "orders_admin": order.pk,
        "payments_admin": payment.pk,
        "payments_refund": payment.pk,
        "refunds_admin": refund.pk,
        "complaints_admin": Complaint.objects.create(
            part=part, reason="other", text="?", answer_due_at=now
        ).pk,
        "identity_admin": checked.pk,
        "identity_card_photo": checked.pk,
        "takedowns_admin": takedown.pk,
        "payouts_admin": Payout.objects.create(
            producer=farm, amount_vnd=1000, paid_on=now.date(), bank_reference="CK1"
        ).pk,
        "tax_withheld_admin": Withholding.objects.create(
            part=part,
            producer=farm,
            period=now.date().replace(day=1),
            revenue_vnd=part.total_vnd,
            vat_vnd=10,
            pit_vnd=5,
        ).pk,  # fmt: skip
        "data_requests_admin": DataRequest.objects.create(
            user=owner, kind="erasure", due_at=now
        ).pk,
        "listing_targets": Target.objects.create(
            name=f"Mục tiêu {place}",
            metric="listed_products",
            value=10,
            commune=commune,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
        ).pk,  # fmt: skip
        "area_grants": AreaGrant.objects.get(user=helper).pk,
    }


@pytest.fixture
def world(home_communes, settings, demo_site):
    load_admin_units(province_codes=[SECOND_PROVINCE])
    settings.SERVED_PROVINCES = [settings.HOME_PROVINCE_CODE, SECOND_PROVINCE]
    communes = {
        "a": home_communes.get(name="Xã Cái Bè"),
        "b": home_communes.get(name="Xã Gò Công Đông"),
        "c": Commune.objects.filter(province=SECOND_PROVINCE).order_by("code").first(),
    }
    places = {
        place: holdings(place, commune, number)
        for number, (place, commune) in enumerate(communes.items(), start=1)
    }
    home, second = settings.HOME_PROVINCE_CODE, SECOND_PROVINCE
    areas = {
        "commune_a": {"communes": [communes["a"]]},
        "commune_b": {"communes": [communes["b"]]},
        "province": {"provinces": [communes["a"].province]},
        "other_province": {"provinces": [communes["c"].province]},
        "national": {"everywhere": True},
    }
    officials = {
        name: UserFactory(username=f"can-bo-{name}", roles=[OFFICIALS], areas=areas[name])
        for name in OFFICIALS_BY_AREA
    }
    assert {communes["a"].province_id, communes["c"].province_id} == {home, second}
    return communes, places, officials


def object_routes():
    """(route, namespace) of every project admin screen that opens one row."""
    return [
        (route, name.split(":")[0])
        for route, name in url_patterns()
        if is_project_admin(name) and re.search(r"<(?:\w+:)?pk>", route)
    ]


@pytest.fixture
def signed_in():
    """The client of each user, signed in once: a sign-in per request would be most of
    the matrix's time."""
    clients = {}

    def client_of(user):
        if user.pk not in clients:
            clients[user.pk] = client_as(user)
        return clients[user.pk]

    return client_of


def opened(client, route, pk):
    path = "/" + re.sub(
        r"<(?:\w+:)?(\w+)>", lambda m: str(pk) if m.group(1) == "pk" else "x", route
    )
    return outcome(client.get(path))


def test_an_official_opens_the_rows_of_their_areas_and_no_other(signed_in, world):
    _communes, places, officials = world
    routes = [(route, ns) for route, ns in object_routes() if ns in places["a"]]
    assert len(routes) >= 30  # inspect, edit, delete, history… of every viewset
    checked = 0
    for route, namespace in routes:
        for place, objects in places.items():
            pk = objects[namespace]
            national = opened(signed_in(officials["national"]), route, pk)
            assert not national.startswith("status 5"), (route, national)
            for name in OFFICIALS_BY_AREA[:-1]:
                answer = opened(signed_in(officials[name]), route, pk)
                if place in HOLDS[name]:
                    assert answer == national, (route, place, name, answer, national)
                else:
                    # Another area's row does not exist for them (where it is shown at all).
                    expected = {"hidden"} if national == "ok" else {"hidden", national}
                    assert answer in expected, (route, place, name, answer)
                checked += 1
    print(f"jurisdiction matrix: {len(routes)} screens × 3 rows × 4 officials = {checked} answers")


def listed_pks(client, user, namespace):
    client.force_login(user)
    response = client.get(f"/admin/{_prefix(namespace)}/")
    assert response.status_code == 200, (namespace, response.status_code)
    return {row.pk for row in response.context["object_list"]}


def _prefix(namespace):
    from django.urls import reverse

    return reverse(f"{namespace}:index").strip("/").removeprefix("admin/")


LISTS = (
    "producers_admin", "products_admin", "listing_reports_admin", "orders_admin",
    "payments_admin", "refunds_admin", "complaints_admin", "identity_admin",
    "takedowns_admin", "payouts_admin", "tax_withheld_admin", "data_requests_admin",
    "listing_targets", "area_grants",
)  # fmt: skip


@pytest.mark.parametrize("namespace", LISTS)
def test_each_list_holds_the_rows_of_the_officials_areas(client, world, namespace):
    _communes, places, officials = world
    ours = {place: objects[namespace] for place, objects in places.items()}
    for name in OFFICIALS_BY_AREA:
        seen = listed_pks(client, officials[name], namespace) & set(ours.values())
        assert seen == {ours[place] for place in HOLDS[name]}, name


def test_an_official_with_no_area_sees_nothing_until_given_one(client, signed_in, world):
    _communes, places, _officials = world
    newcomer = UserFactory(username="can-bo-moi", roles=[OFFICIALS], areas=False)
    assert listed_pks(client, newcomer, "producers_admin") == set()
    assert (
        opened(signed_in(newcomer), "admin/producers/inspect/<pk>/", places["a"]["producers_admin"])
        == "hidden"
    )


EXPORTS = ("producers_admin", "products_admin", "orders_admin", "complaints_admin",
           "identity_admin", "tax_withheld_admin", "payouts_admin")  # fmt: skip


@pytest.mark.parametrize("namespace", EXPORTS)
def test_an_export_holds_no_row_of_another_area(client, world, namespace):
    _communes, _places, officials = world
    for name in OFFICIALS_BY_AREA:
        client.force_login(officials[name])
        response = client.get(f"/admin/{_prefix(namespace)}/", {"export": "csv"})
        assert response.status_code == 200
        text = b"".join(response.streaming_content if response.streaming else [response.content])
        text = text.decode("utf-8-sig")
        marked = set(re.findall(r"dấu-([abc])", text))
        assert marked <= HOLDS[name], (namespace, name, marked)
        if namespace in ("producers_admin", "products_admin"):
            assert marked == HOLDS[name], (namespace, name, marked)


def test_the_dashboard_of_each_official_adds_up_to_the_province(client, world):
    communes, _places, officials = world
    listed = {}
    for name in OFFICIALS_BY_AREA:
        client.force_login(officials[name])
        response = client.get("/admin/so-lieu/")
        assert response.status_code == 200
        listed[name] = response.context["cards"][0][1]  # listed products
        by_commune = dict(response.context["breakdowns"])["Theo xã/phường"]
        assert {int(row["key"]) for row in by_commune} == {
            communes[place].code for place in HOLDS[name]
        }, name
    assert listed == {"commune_a": 1, "commune_b": 1, "province": 2, "other_province": 1,
                      "national": 3}  # fmt: skip
    assert listed["commune_a"] + listed["commune_b"] == listed["province"]


def test_the_admin_home_counts_the_officials_own_queue(client, world):
    _communes, _places, officials = world
    from producers.models import Producer

    Producer.objects.update(status="submitted")
    for name, waiting in (("commune_a", 1), ("province", 2), ("national", 3)):
        client.force_login(officials[name])
        html = client.get("/admin/").content.decode()
        row = re.search(r"Nhà sản xuất chờ xác minh.*?(\d+)", html, re.S)
        assert row and int(row.group(1)) == waiting, (name, row and row.group(1))


def test_the_open_data_adds_up_by_province(client, world):
    communes, _places, _officials = world
    answer = client.get("/api/v1/stats/listings", {"group_by": "province"}).json()
    by_province = {row["key"]: row["listed_products"] for row in answer["groups"]}
    assert by_province == {communes["a"].province_id: 2, SECOND_PROVINCE: 1}
    assert sum(by_province.values()) == answer["total"]["listed_products"]
    labels = {row["key"]: row["label"] for row in answer["groups"]}
    assert labels[SECOND_PROVINCE] == "Vĩnh Long"
