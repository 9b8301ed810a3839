"""Money rules pinned down on the embedded default, without Stripe (issue 22, item 40): a
late payment goes back whole, delivery fee included; what producers are owed counts the
delivery fee and subtracts refunds and payouts."""

from decimal import Decimal

import pytest
from django.utils import timezone

from orders.cart import CartLine
from orders.models import DeliveryMethod, DeliverySettings, PartStatus, PaymentMethod
from orders.services import change_part_status, place_order
from payments import ledger, refunds, services
from payments.models import Payment, PaymentStatus, Payout, Refund

pytestmark = pytest.mark.django_db


@pytest.fixture
def couriered(mango, cai_be):
    """A card order of 2 kg sent by courier: 240.000 ₫ and a 30.000 ₫ fee."""
    DeliverySettings.objects.create(
        producer=mango.producer, courier=True, courier_fee_3kg_vnd=30_000
    )
    order = place_order(
        [CartLine(mango, Decimal("2"), mango.price_vnd)],
        deliveries={mango.producer_id: DeliveryMethod.COURIER},
        buyer_name="Lê Thị Mai", buyer_phone="+84903123456", buyer_email="mai@example.vn",
        commune=cai_be, address="12 Ấp Bắc", payment_method=PaymentMethod.CARD,
    )  # fmt: skip
    part = order.parts.get()
    assert (part.subtotal_vnd, part.delivery_fee_vnd, part.total_vnd) == (240_000, 30_000, 270_000)
    return order


def pay(payment):
    return services.record_card_paid(
        payment, amount=payment.amount_vnd, currency="vnd", payment_intent="pi_test_ledger"
    )


def test_a_late_payment_after_a_cancel_goes_back_whole_delivery_fee_included(couriered):
    payment = couriered.payments.get()
    services.record_lapsed(payment, PaymentStatus.CANCELLED, "Người mua hủy")

    assert pay(payment) == "paid after the hold ended; refunded in full"

    refund = Refund.objects.get()
    assert refund.amount_vnd == 270_000 == payment.amount_vnd


def test_owed_counts_the_delivery_fee_less_refunds_and_payouts(couriered, farm, farmer):
    payment = couriered.payments.get()
    pay(payment)
    part = couriered.parts.get()
    for status in (PartStatus.CONFIRMED, PartStatus.DELIVERED):
        change_part_status(part, status, farmer)
    Refund.objects.create(payment=payment, part=part, amount_vnd=20_000, reason="Dập 1 trái")
    Payout.objects.create(
        producer=farm, amount_vnd=100_000, paid_on=timezone.localdate(), bank_reference="FT1"
    )

    balance = ledger.owed_to_producers().get(pk=farm.pk)

    assert (balance.earned_gross, balance.refunded) == (270_000, 20_000)
    assert (balance.earned, balance.paid_out) == (250_000, 100_000)
    # Less the tax withheld on the card sale (taxes; tested there): 1,5 % and 4,5 % on the fee.
    assert (balance.withheld, balance.owed) == (4_950, 150_000 - 4_950)


def test_nothing_is_owed_for_a_card_part_not_yet_delivered(couriered, farm):
    pay(couriered.payments.get())

    assert ledger.owed_to_producers().get(pk=farm.pk).owed == 0
    assert Payment.objects.get().status == PaymentStatus.PAID


@pytest.fixture
def two_farm_card_order(mango, pomelo, cai_be):
    from .conftest import order_of

    order = order_of([(mango, "2"), (pomelo, "4")], PaymentMethod.CARD, cai_be)
    pay(order.payments.get())
    return order


def test_a_dashboard_refund_of_a_one_farm_order_counts_against_that_part(couriered, farm, farmer):
    """Item 30: a refund Stripe reports without a part was never subtracted from owed."""
    payment = couriered.payments.get()
    pay(payment)
    part = couriered.parts.get()
    for status in (PartStatus.CONFIRMED, PartStatus.DELIVERED):
        change_part_status(part, status, farmer)

    refunds.record_stripe_refunds(payment, amount_refunded=70_000, currency="vnd")

    assert Refund.objects.get().part == part
    balance = ledger.owed_to_producers().get(pk=farm.pk)
    assert balance.owed == 270_000 - 70_000 - balance.withheld  # its tax offset by the refund
    assert balance.withheld == 4_950 - 856 - 428
    payment.refresh_from_db()
    assert not payment.problem


def test_a_dashboard_refund_of_several_farms_flags_the_payment_until_an_official_says_whose(
    client, two_farm_card_order, farm, admin_user
):
    payment = two_farm_card_order.payments.get()

    outcome = refunds.record_stripe_refunds(payment, amount_refunded=60_000, currency="vnd")

    payment.refresh_from_db()
    refund = Refund.objects.get()
    assert refund.part is None and "flagged" in outcome
    assert payment.problem and payment.problem_code == ledger.UNATTRIBUTED
    part = two_farm_card_order.parts.get(producer=farm)
    client.force_login(admin_user)

    response = client.post(
        f"/admin/refunds/edit/{refund.pk}/", {"part": part.pk, "reason": refund.reason}
    )

    assert response.status_code == 302
    refund.refresh_from_db()
    payment.refresh_from_db()
    assert refund.part == part and not payment.problem and not payment.problem_code


def test_a_refund_cannot_be_put_against_another_orders_part(
    two_farm_card_order, admin_user, couriered
):
    from django.core.exceptions import ValidationError

    payment = two_farm_card_order.payments.get()
    refunds.record_stripe_refunds(payment, amount_refunded=60_000, currency="vnd")

    with pytest.raises(ValidationError):
        ledger.attribute_refund(Refund.objects.get(), couriered.parts.get(), admin_user)


@pytest.mark.parametrize(
    "data, field",
    [({"amount_vnd": "1.000.000.000"}, "reason"), ({"paid_on": "1900-01-01"}, "paid_on"),
     ({"paid_on": "2999-01-01"}, "paid_on")],
)  # fmt: skip
def test_a_payout_above_what_is_owed_or_oddly_dated_is_refused(
    client, admin_user, farm, data, field
):
    """Item 30: 1,000,000,000 ₫ to a producer owed nothing, dated 1900-01-01, was accepted."""
    client.force_login(admin_user)
    valid = {"producer": farm.pk, "amount_vnd": "100.000", "paid_on": "2026-11-30",
             "bank_reference": "FT1", "reason": ""}  # fmt: skip

    response = client.post("/admin/payouts/new/", {**valid, **data})

    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Payout.objects.exists()


def test_a_payout_above_what_is_owed_with_a_reason_is_recorded_and_the_producer_stays_listed(
    client, admin_user, farm
):
    client.force_login(admin_user)

    response = client.post("/admin/payouts/new/", {
        "producer": farm.pk, "amount_vnd": "50.000", "paid_on": "2026-11-30",
        "bank_reference": "FT2", "reason": "Tạm ứng vụ xoài theo quyết định của Sở",
    })  # fmt: skip

    assert response.status_code == 302 and Payout.objects.get().amount_vnd == 50_000
    assert ledger.with_a_balance().get(pk=farm.pk).owed == -50_000  # overpaid: still listed
    page = client.get("/admin/owed-to-producers/").content.decode()
    assert farm.display_name in page


def test_one_phone_holds_only_a_few_unpaid_orders(mango, cai_be, settings):
    """Item 25: twenty unpaid orders held a farm's whole stock for free."""
    from django.core.exceptions import ValidationError

    def order(method):
        return place_order(
            [CartLine(mango, Decimal("1"), mango.price_vnd)],
            buyer_name="Kẻ giữ hàng", buyer_phone="+84909999999", commune=cai_be,
            address="Ấp 1", payment_method=method,
        )  # fmt: skip

    for _ in range(settings.ORDERS_MAX_UNPAID_PER_PHONE):
        order(PaymentMethod.CARD)
    with pytest.raises(ValidationError) as refused:
        order(PaymentMethod.CARD)

    assert refused.value.code == "too_many_unpaid"
    assert order(PaymentMethod.CASH_ON_DELIVERY)  # paid at the door: no hold to abuse


def test_a_card_hold_is_renewed_once_not_without_end(couriered, rf):
    from datetime import timedelta

    from django.contrib.messages.storage.cookie import CookieStorage
    from django.core.exceptions import ValidationError

    payment = couriered.payments.get()
    Payment.objects.filter(pk=payment.pk).update(expires_at=timezone.now() + timedelta(minutes=5))

    services._hold_for_checkout(payment)  # the buyer comes back late: renewed once
    Payment.objects.filter(pk=payment.pk).update(expires_at=timezone.now() + timedelta(minutes=5))
    with pytest.raises(ValidationError):
        services._hold_for_checkout(payment)

    request = rf.post("/")
    request._messages = CookieStorage(request)
    assert services.card_next_step(request, couriered) is None  # no new Stripe page
    payment.refresh_from_db()
    assert payment.hold_renewals == 1


def test_the_refund_screen_needs_the_refund_permission_itself(client, official, mango, cai_be):
    """Issue 22, item 45: on the embedded default, swapping the refund screen's permission
    for another failed no test. An official sees payments; only add_refund opens it."""
    from django.contrib.auth.models import Permission

    from .conftest import order_of

    order = order_of([(mango, "1")], PaymentMethod.CARD, cai_be)
    payment = Payment.objects.get(order=order)
    url = f"/admin/payments/{payment.pk}/refund/"
    client.force_login(official)
    assert client.get(f"/admin/payments/inspect/{payment.pk}/").status_code == 200

    refused = client.get(url)
    official.user_permissions.add(Permission.objects.get(codename="add_refund"))
    official = type(official).objects.get(pk=official.pk)  # permissions are cached per user
    client.force_login(official)
    allowed = client.get(url)

    assert refused.status_code in (302, 403) and "/refund/" not in refused.get("Location", "")
    assert allowed.status_code == 200
