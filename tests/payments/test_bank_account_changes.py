"""Item 26: the account money goes to is replaced only with an official's approval for a
verified producer; the owner is texted either way; a helper's change is logged as done on
the household's behalf."""

import pytest

from payments.models import BankAccount
from producers.models import ProducerActivity, ProducerChange

pytestmark = pytest.mark.django_db

NEW = {"bank_bin": "970436", "account_number": "0071000888999", "account_holder": "Trần Văn Tư"}


def test_a_helper_replacing_a_verified_farms_account_waits_for_an_official(
    client, helper, farmer, official, farm, account, sms_outbox, django_capture_on_commit_callbacks
):
    client.force_login(helper)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cua-toi/nha-san-xuat/{farm.pk}/ngan-hang/", NEW, follow=True)

    assert "chờ cán bộ duyệt" in response.content.decode()
    assert BankAccount.objects.get().account_number == "1234567890123"  # unchanged
    change = ProducerChange.objects.get(producer=farm, decided_at=None)
    assert change.values["bank_account"]["account_number"] == "0071000888999"
    activity = ProducerActivity.objects.get(action="bank_account_change_requested")
    assert activity.actor == helper and activity.on_behalf
    security = [(phone, text) for phone, text in sms_outbox if "/cua-toi/" not in text]
    assert [phone for phone, _ in security] == [farmer.phone]  # the owner, not the helper
    assert "8999" in security[0][1]

    client.force_login(official)
    inspect = client.get(f"/admin/producers/inspect/{farm.pk}/").content.decode()
    assert "0071000888999" in inspect and "TRAN VAN TU" in inspect
    client.post(
        f"/admin/producers/moderate/{farm.pk}/", {"action": "approve_changes", "reason": ""}
    )

    account = BankAccount.objects.get()
    assert (account.bank_bin, account.account_number) == ("970436", "0071000888999")


def test_the_first_account_is_saved_at_once_and_the_owner_texted(
    client, helper, farmer, farm, sms_outbox, django_capture_on_commit_callbacks
):
    client.force_login(helper)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cua-toi/nha-san-xuat/{farm.pk}/ngan-hang/", NEW)

    assert BankAccount.objects.get().account_number == "0071000888999"
    security = [phone for phone, text in sms_outbox if "/cua-toi/" not in text]
    assert security == [farmer.phone]


def test_a_helpers_order_and_transfer_actions_are_logged_for_the_household(
    client, helper, transfer_order
):
    part = transfer_order.parts.get()
    client.force_login(helper)

    client.post(f"/cua-toi/chuyen-khoan/{part.pk}/da-nhan/")
    client.post(f"/cua-toi/don-hang/{part.pk}/xac-nhan/")

    logged = ProducerActivity.objects.filter(on_behalf=True, actor=helper)
    assert {activity.action.split(":")[0] for activity in logged} == {
        "transfer_confirmed",
        "order_confirmed",
    }
