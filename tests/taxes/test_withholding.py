"""Tax withheld on card sales (Decree 117/2025/NĐ-CP): at payment, at today's default rates,
only for household and individual sellers, offset by refunds, deducted from what the
marketplace owes, and declared monthly in an XLSX that adds up to the ledger."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from orders.models import PartStatus, PaymentMethod
from orders.services import change_part_status
from payments import ledger, refunds
from payments.models import RefundStatus
from taxes import withholding
from taxes.models import SellerKindRule, Withholding, WithholdingRate
from tests.payments.conftest import order_of
from tests.payments.test_ledger import pay

pytestmark = pytest.mark.django_db


def delivered(order, farmer):
    part = order.parts.get()
    for status in (PartStatus.CONFIRMED, PartStatus.DELIVERED):
        change_part_status(part, status, farmer)
    return part


def test_a_household_card_part_has_one_and_a_half_percent_withheld(couriered):  # noqa: F811
    pay(couriered.payments.get())

    row = Withholding.objects.get()
    # 240.000 ₫ of mangoes at 1 % + 0,5 %; the 30.000 ₫ courier fee as transport, 3 % + 1,5 %.
    assert (row.revenue_vnd, row.vat_vnd, row.pit_vnd) == (270_000, 2_400 + 900, 1_200 + 450)
    assert row.period == timezone.localdate().replace(day=1)


def test_paying_twice_withholds_once(couriered):  # noqa: F811
    payment = couriered.payments.get()
    pay(payment)
    pay(payment)

    assert Withholding.objects.count() == 1


def test_an_enterprise_declares_its_own(mango, cai_be):  # noqa: F811
    mango.producer.kind = "enterprise"
    mango.producer.save()
    pay(order_of([(mango, "2")], PaymentMethod.CARD, cai_be).payments.get())

    assert not Withholding.objects.exists()


def test_cash_and_transfers_withhold_nothing(mango, cai_be):
    order_of([(mango, "2")], PaymentMethod.CASH_ON_DELIVERY, cai_be)

    assert not Withholding.objects.exists()


def test_the_rates_are_data_officials_change(mango, cai_be):  # noqa: F811
    WithholdingRate.objects.create(supply_kind="goods", vat_percent=Decimal("2"),
                                   pit_percent=Decimal("1"), valid_from=timezone.localdate())  # fmt: skip
    SellerKindRule.objects.filter(producer_kind="enterprise").update(withheld=True)
    pay(order_of([(mango, "2")], PaymentMethod.CARD, cai_be).payments.get())

    row = Withholding.objects.get()
    assert (row.vat_vnd, row.pit_vnd) == (4_800, 2_400)


def test_an_unknown_kind_of_supply_is_taxed_at_the_highest_rate():
    rates = withholding.rates_on(timezone.localdate())

    assert withholding.highest(rates) == (Decimal("5.00"), Decimal("2.00"))


def test_the_owed_amount_is_net_of_the_tax_and_a_refund_offsets_it(couriered, farm, farmer):  # noqa: F811
    payment = couriered.payments.get()
    pay(payment)
    part = delivered(couriered, farmer)
    balance = ledger.owed_to_producers().get(pk=farm.pk)
    assert (balance.earned, balance.withheld, balance.net, balance.owed) == (
        270_000, 4_950, 265_050, 265_050,
    )  # fmt: skip

    refund = refunds.new_refund(payment, part, 27_000, "Dập 3 trái")
    refund.status = RefundStatus.SUCCEEDED
    refund.save()
    refunds.settle(payment)
    refunds.settle(payment)  # settled again (a second webhook): offset once

    offset = Withholding.objects.get(refund=refund)
    # A tenth of the part went back: a tenth of its tax, in this month.
    assert (offset.revenue_vnd, offset.vat_vnd, offset.pit_vnd) == (-27_000, -330, -165)
    balance = ledger.owed_to_producers().get(pk=farm.pk)
    assert (balance.earned, balance.withheld, balance.owed) == (243_000, 4_455, 238_545)


def test_a_full_refund_gives_back_exactly_what_was_withheld(couriered, farmer):  # noqa: F811
    payment = couriered.payments.get()
    pay(payment)
    part = couriered.parts.get()
    for amount in (100_000, 170_000):  # in two refunds, rounding each
        refund = refunds.new_refund(payment, part, amount, "Hư")
        refund.status = RefundStatus.SUCCEEDED
        refund.save()
        refunds.settle(payment)

    totals = [sum(row.vat_vnd for row in Withholding.objects.all()),
              sum(row.pit_vnd for row in Withholding.objects.all())]  # fmt: skip
    assert totals == [0, 0]


def test_the_monthly_xlsx_adds_up_to_the_ledger(client, official, couriered, mango, cai_be):  # noqa: F811
    pay(couriered.payments.get())
    pay(order_of([(mango, "1")], PaymentMethod.CARD, cai_be).payments.get())
    client.force_login(official)

    response = client.get("/admin/tax-declaration/",
                          {"thang": timezone.localdate().strftime("%Y-%m"), "export": "xlsx"})  # fmt: skip

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [row for row in sheet.iter_rows(values_only=True) if row and row[0]]
    seller = next(row for row in rows if row[0] == mango.producer.display_name)
    assert (
        seller[1] == "082" + f"{mango.producer.pk % 10**9:09d}"
    )  # the ID in full, for the tax office
    vat = sum(row.vat_vnd for row in Withholding.objects.all())
    pit = sum(row.pit_vnd for row in Withholding.objects.all())
    assert (seller[3], seller[4]) == (vat, pit) == (3_300 + 1_200, 1_650 + 600)


def test_a_bad_month_says_so_and_shows_this_month(client, official):
    client.force_login(official)

    response = client.get("/admin/tax-declaration/", {"thang": "2026-13"})

    assert response.status_code == 200
    assert "YYYY-MM" in response.content.decode()


@pytest.mark.parametrize("vat", ["101", "-1"])
def test_a_rate_over_100_or_negative_is_refused(admin_client, vat):
    response = admin_client.post("/admin/tax-rates/new/", {
        "supply_kind": "goods", "vat_percent": vat, "pit_percent": "0.5",
        "valid_from": "2026-12-01", "legal_basis": "",
    })  # fmt: skip

    assert response.status_code == 200
    assert WithholdingRate.objects.filter(valid_from="2026-12-01").count() == 0


def test_the_producer_sees_its_year(client, farmer, farm, couriered):  # noqa: F811
    pay(couriered.payments.get())
    client.force_login(farmer)

    response = client.get(f"/cua-toi/nha-san-xuat/{farm.pk}/thue/")

    assert response.status_code == 200
    assert "3.300" in response.content.decode()  # VAT withheld this month


def test_the_owed_report_shows_gross_withheld_and_net(client, official, couriered, farmer):  # noqa: F811
    pay(couriered.payments.get())
    delivered(couriered, farmer)
    client.force_login(official)

    response = client.get("/admin/owed-to-producers/", {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [row for row in sheet.iter_rows(values_only=True) if row and row[0]]
    headings = next(row for row in rows if "Thuế đã khấu trừ (đồng)" in row)
    farm_row = dict(zip(headings, rows[rows.index(headings) + 1], strict=True))
    assert farm_row["Đã giao, trả bằng thẻ (đồng)"] == 270_000
    assert farm_row["Thuế đã khấu trừ (đồng)"] == 4_950
    assert farm_row["Thực nhận (đồng)"] == farm_row["Còn nợ (đồng)"] == 265_050
