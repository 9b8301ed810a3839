import datetime
import re

import pytest
from django.utils import timezone

from producers import services
from producers.models import ClaimCode, Producer, ProducerActivity
from tests.photos import signed_form

pytestmark = pytest.mark.django_db

HOUSEHOLD = {
    "kind": "household",
    "display_name": "Vú sữa Lò Rèn Tư Hiền",
    "representative": "Lê Thị Hiền",
    "phone": "0912 555 666",
}


def register(client, helper):
    client.force_login(helper)
    response = client.post(
        "/cua-toi/ho-tro/dang-ky-ho/", {**HOUSEHOLD, "paper_form": signed_form()}
    )
    code = re.search(r"data-claim-code>([A-Z0-9-]+)<", response.content.decode()).group(1)
    return response, code


def test_a_digital_team_member_registers_a_household_and_gets_a_printable_code(client, helper):
    response, code = register(client, helper)

    html = response.content.decode()
    assert response.status_code == 200
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert "<svg" in html  # the QR code, drawn on the server
    # The QR code's link carries the code in its fragment, which never reaches a server log.
    assert response.context["claim_url"].endswith(f"/nhan-tai-khoan/#ma={code}")
    assert "/nhan-tai-khoan/" in html and f"?ma={code}" not in html
    producer = Producer.objects.get()
    assert producer.registered_by == helper
    owner = producer.memberships.get(role="owner").user
    assert owner.phone == "+84912555666"
    assert not owner.has_usable_password()
    assert ProducerActivity.objects.filter(producer=producer, actor=helper, on_behalf=True).exists()


def test_the_code_is_stored_only_as_a_hash(client, helper):
    _, code = register(client, helper)

    assert code.replace("-", "") not in ClaimCode.objects.get().code_hash


def test_the_household_claims_its_account_and_logs_in_by_phone(client, helper):
    _, code = register(client, helper)
    client.logout()

    response = client.post(
        "/nhan-tai-khoan/",
        {"code": code.lower(), "password1": "vu-sua-lo-ren", "password2": "vu-sua-lo-ren"},
    )

    assert response.status_code == 302
    client.logout()
    assert client.login(username="0912555666", password="vu-sua-lo-ren")


def test_a_claim_code_works_only_once(client, helper):
    _, code = register(client, helper)
    client.logout()
    data = {"code": code, "password1": "vu-sua-lo-ren", "password2": "vu-sua-lo-ren"}
    client.post("/nhan-tai-khoan/", data)
    client.logout()

    response = client.post(
        "/nhan-tai-khoan/", {**data, "password1": "mat-khau-khac", "password2": "mat-khau-khac"}
    )

    assert "Mã này đã được sử dụng" in response.content.decode()
    assert client.login(username="0912555666", password="vu-sua-lo-ren")


def test_an_expired_claim_code_is_refused(client, helper):
    _, code = register(client, helper)
    ClaimCode.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.logout()

    response = client.post(
        "/nhan-tai-khoan/",
        {"code": code, "password1": "vu-sua-lo-ren", "password2": "vu-sua-lo-ren"},
    )

    assert "Mã đã hết hạn" in response.content.decode()
    assert not Producer.objects.get().memberships.get(role="owner").user.has_usable_password()


def test_a_wrong_code_is_refused(client):
    response = client.post(
        "/nhan-tai-khoan/",
        {"code": "AAAA-BBBB", "password1": "vu-sua-lo-ren", "password2": "vu-sua-lo-ren"},
    )

    assert "Mã không đúng" in response.content.decode()


def test_a_new_code_replaces_the_old_one(client, helper):
    _, old_code = register(client, helper)
    producer = Producer.objects.get()

    new_code = services.issue_claim_code(producer, helper)

    with pytest.raises(services.ClaimError):
        services.claim_account(old_code, "vu-sua-lo-ren")
    assert services.claim_account(new_code, "vu-sua-lo-ren").phone == "+84912555666"


def test_a_farmer_cannot_use_the_household_registration(client, farmer):
    client.force_login(farmer)

    assert (
        client.post(
            "/cua-toi/ho-tro/dang-ky-ho/", {**HOUSEHOLD, "paper_form": signed_form()}
        ).status_code
        == 403
    )
    assert not Producer.objects.exists()


def test_the_helper_fills_the_profile_on_the_households_behalf(client, helper, cai_be):
    register(client, helper)
    producer = Producer.objects.get()

    client.post(f"/cua-toi/nha-san-xuat/{producer.pk}/buoc/2/", {"commune": cai_be.pk})

    activity = ProducerActivity.objects.get(producer=producer, action="saved_step_2")
    assert activity.actor == helper
    assert activity.on_behalf is True


def claim(client, code, password="vu-sua-lo-ren"):
    return client.post(
        "/nhan-tai-khoan/", {"code": code, "password1": password, "password2": password}
    )


def test_no_new_claim_code_once_the_household_has_claimed_its_account(client, helper):
    _, code = register(client, helper)
    claim(client, code)
    producer = Producer.objects.get()
    client.force_login(helper)

    response = client.post(f"/cua-toi/nha-san-xuat/{producer.pk}/ma-nhan/", follow=True)

    assert "đã nhận tài khoản" in response.content.decode()
    assert ClaimCode.objects.filter(used_at=None, expires_at__gt=timezone.now()).count() == 0
    with pytest.raises(services.ClaimError):
        services.issue_claim_code(producer, helper)
    client.logout()
    assert client.login(username="0912555666", password="vu-sua-lo-ren")


def test_an_old_unused_code_cannot_take_over_a_claimed_account(client, helper):
    _, first = register(client, helper)
    producer = Producer.objects.get()
    second = services.issue_claim_code(producer, helper)
    claim(client, second)
    # A code issued before the claim and somehow still valid: refused all the same.
    ClaimCode.objects.update(expires_at=timezone.now() + datetime.timedelta(days=1))
    client.logout()

    response = claim(client, first, password="mat-khau-cua-toi")

    assert "đã được nhận" in response.content.decode()
    assert client.login(username="0912555666", password="vu-sua-lo-ren")


def test_the_owner_is_told_of_every_password_change(
    client, helper, sms_outbox, mailoutbox, django_capture_on_commit_callbacks
):
    _, code = register(client, helper)
    claim(client, code)
    owner = Producer.objects.get().memberships.get(role="owner").user
    owner.email = "tu.hien@example.com"
    owner.save()
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        owner.set_password("mat-khau-moi-2026")
        owner.save()

    phone, message = sms_outbox[-1]
    assert phone == "+84912555666"
    assert "mật khẩu" in message and "0912 555 666" in message
    assert mailoutbox[-1].to == ["tu.hien@example.com"]


def test_the_member_reissues_a_code_from_the_households_list_until_it_is_claimed(client, helper):
    _response, old_code = register(client, helper)
    producer = Producer.objects.get()
    button = "Cấp mã nhận tài khoản mới và in phiếu"

    html = client.get("/cua-toi/").content.decode()
    assert button in html and f"/cua-toi/nha-san-xuat/{producer.pk}/ma-nhan/" in html
    sheet = client.post(f"/cua-toi/nha-san-xuat/{producer.pk}/ma-nhan/").content.decode()
    new_code = re.search(r"data-claim-code>([A-Z0-9-]+)<", sheet).group(1)
    assert new_code != old_code
    old = ClaimCode.objects.get(code_hash=services._hash_code(old_code))
    assert old.expires_at <= timezone.now()  # the old code stopped working

    owner = producer.memberships.get(role="owner").user
    owner.set_password("mat-khau-moi-2026")
    owner.save()
    assert button not in client.get("/cua-toi/").content.decode()  # claimed: the owner's now


def test_the_household_is_texted_its_claim_code(
    client, helper, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _response, code = register(client, helper)

    texts = [text for phone, text in sms_outbox if phone == "+84912555666"]
    assert any(code in text and "/nhan-tai-khoan/" in text for text in texts)
