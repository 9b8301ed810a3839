"""Lots: recorded with their dates and certificates, traced by a public page and its JSON,
reached from a label's QR code, a GS1 Digital Link when the product has a GTIN (issue 28)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image

from producers.models import Certification
from tests.factories import ProducerFactory, ProductFactory
from traceability import gs1, services
from traceability.models import Lot, LotEvent, ProductCode

pytestmark = pytest.mark.django_db
GTIN = "8935049500018"  # a valid EAN-13


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def farm(farmer, cai_be):
    farm = ProducerFactory(display_name="Vườn xoài Út Ba", owner=farmer, commune=cai_be,
                           address="Ấp 3")  # fmt: skip
    for kind, number, expires in [("vietgap", "VG-01", days(60)), ("globalgap", "GG-9", days(-50))]:
        Certification.objects.create(producer=farm, kind=kind, number=number, issuer="Sở NN",
                                     expires_on=expires, approved_at=timezone.now())  # fmt: skip
    Certification.objects.create(producer=farm, kind="organic", number="HC-2", issuer="X",
                                 expires_on=days(60))  # not approved  # fmt: skip
    return farm


@pytest.fixture
def mango(farm, cai_be):
    return ProductFactory(producer=farm, name="Xoài cát Hòa Lộc", origin_commune=cai_be)


def lot(**fields):
    values = {"code": "", "harvested_on": days(-40), "packed_on": days(-39),
              "best_before": days(10), "harvested_quantity": Decimal("120"),
              "quantity": Decimal("100"), **fields}  # fmt: skip
    if not values["code"]:
        values.pop("code")
    return Lot(**values)


def test_a_lot_keeps_the_certificates_valid_at_its_harvest_and_its_first_events(mango, farmer):
    recorded = services.record_lot(mango, lot(), farmer)
    assert recorded.code.startswith("L") and len(recorded.code) == 7
    assert [c["number"] for c in recorded.certificates] == [
        "VG-01"
    ]  # GG-9 ran out, HC-2 unapproved
    assert list(LotEvent.objects.filter(lot=recorded).values_list("kind", "on")) == [
        ("harvested", days(-40)), ("packed", days(-39))
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"best_before": days(-41)}, "best_before"),  # expires before the harvest
        ({"packed_on": days(-41)}, "packed_on"),
        ({"harvested_on": datetime.date(1, 1, 1), "packed_on": days(-1)}, "harvested_on"),
        ({"best_before": datetime.date(9999, 12, 31)}, "best_before"),
        ({"harvested_on": days(1), "packed_on": days(1)}, "harvested_on"),
        ({"quantity": Decimal("121")}, "quantity"),  # more than was harvested
        ({"quantity": Decimal("0")}, "quantity"),
        ({"harvested_quantity": Decimal("10000000")}, "harvested_quantity"),
    ],
)
def test_a_wrong_lot_is_refused_and_nothing_is_saved(mango, farmer, fields, field):
    with pytest.raises(ValidationError) as refused:
        services.record_lot(mango, lot(**fields), farmer)
    assert field in refused.value.message_dict
    assert not Lot.objects.exists()


def test_a_duplicate_or_malformed_lot_code_is_refused(mango, farmer, other_farmer):
    services.record_lot(mango, lot(code="XOAI-2607"), farmer)
    with pytest.raises(ValidationError):
        services.record_lot(mango, lot(code="xoai-2607"), farmer)
    for bad in ("", "A B", "<script>", "X" * 21, "Lô-1"):
        with pytest.raises(ValidationError):
            gs1.clean_lot_code(bad)
    with pytest.raises(ValidationError):
        services.record_lot(mango, lot(code="OTHER"), other_farmer)
    assert Lot.objects.count() == 1


@pytest.mark.parametrize(
    "typed", ["8935049500019", "893504950001", "12345", "abcdefghijklm", "9" * 40]
)
def test_a_gtin_with_a_wrong_check_digit_or_length_is_refused(mango, farmer, typed):
    with pytest.raises(ValidationError):
        services.set_gtin(mango, typed, farmer)
    assert not ProductCode.objects.exists()


def test_the_trace_page_and_its_json_say_what_the_decree_lists(client, mango, farmer):
    recorded = services.record_lot(mango, lot(code="XOAI-1"), farmer)
    page = client.get("/truy-xuat/XOAI-1/")
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("Xoài cát Hòa Lộc", "Vườn xoài Út Ba", "Ấp 3", "Xã Cái Bè", "XOAI-1", "VG-01",
                 "Sở NN"):  # fmt: skip
        assert text in html, text
    assert "GG-9" not in html and "HC-2" not in html
    data = client.get("/truy-xuat/XOAI-1/?format=json").json()
    assert data["lot"] == "XOAI-1" and data["product"]["name"] == "Xoài cát Hòa Lộc"
    assert data["producer"]["name"] == "Vườn xoài Út Ba" and "Ấp 3" in data["producer"]["address"]
    assert data["origin"]["commune"] == "Xã Cái Bè"
    assert (data["harvested_on"], data["packed_on"], data["best_before"]) == (
        recorded.harvested_on.isoformat(), recorded.packed_on.isoformat(),
        recorded.best_before.isoformat(),
    )  # fmt: skip
    assert [c["number"] for c in data["certificates"]] == ["VG-01"]
    assert [e["event"] for e in data["events"]] == ["harvested", "packed"]
    assert client.get("/truy-xuat/KHONG-CO/").status_code == 404


def decoded(png):
    import zxingcpp

    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_the_label_qr_is_the_trace_page_or_the_gs1_digital_link(client, mango, farmer):
    services.record_lot(mango, lot(code="XOAI-1"), farmer)
    label = client.get("/truy-xuat/XOAI-1/nhan.png")
    assert label["Content-Type"] == "image/png"
    assert decoded(label.content) == ["http://testserver/truy-xuat/XOAI-1/"]

    services.set_gtin(mango, GTIN, farmer)
    [scanned] = decoded(client.get("/truy-xuat/XOAI-1/nhan.png").content)
    expiry = days(10).strftime("%y%m%d")
    assert scanned == f"http://testserver/01/0{GTIN}/10/XOAI-1?17={expiry}"
    landed = client.get(scanned.removeprefix("http://testserver"), follow=True)
    assert landed.redirect_chain[-1][0] == "/truy-xuat/XOAI-1/"
    assert "XOAI-1" in landed.content.decode()
    # Another product's GTIN, or a wrong one, leads nowhere.
    other = ProductFactory(producer=mango.producer)
    services.set_gtin(other, "96385074", farmer)
    assert client.get("/01/00000096385074/10/XOAI-1").status_code == 404
    assert client.get("/01/08935049500019/10/XOAI-1").status_code == 404


def test_the_product_page_links_the_lot_on_sale_first_to_expire(client, mango, farmer):
    services.record_lot(mango, lot(code="OLD", best_before=days(-1), packed_on=days(-39)), farmer)
    services.record_lot(mango, lot(code="LATER", best_before=days(20)), farmer)
    services.record_lot(mango, lot(code="SOONER", best_before=days(5)), farmer)
    html = client.get(mango.get_absolute_url()).content.decode()
    assert "/truy-xuat/SOONER/" in html and "/truy-xuat/OLD/" not in html


def test_the_portal_records_a_lot_and_a_gtin_for_the_producer_only(
    client, mango, farmer, other_farmer
):
    url = f"/cua-toi/lo-hang/{mango.pk}/"
    client.force_login(other_farmer)
    assert client.get(url).status_code == 404
    client.force_login(farmer)
    response = client.post(url, {"lot-code": "", "lot-harvested_on": days(-3).isoformat(),
                                 "lot-packed_on": days(-2).isoformat(),
                                 "lot-best_before": days(14).isoformat(),
                                 "lot-harvested_quantity": "55,5", "lot-quantity": "50"})  # fmt: skip
    assert response.status_code == 302
    assert Lot.objects.get().quantity == Decimal("50")
    response = client.post(url, {"gs1-gtin": "8935049500019"})
    assert response.status_code == 200 and not ProductCode.objects.exists()
    assert client.post(url, {"gs1-gtin": GTIN}).status_code == 302
    assert ProductCode.objects.get().gtin == "0" + GTIN
