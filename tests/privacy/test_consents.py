"""What people agreed to: the texts accepted at sign-up, at checkout and again when the
regulations change; consent per purpose, given and withdrawn; a household's consent
recorded by a digital-team member with the signed paper form."""

import pytest
from django.utils import timezone

from accounts.consents import current_consents
from accounts.models import Consent, PolicyAcceptance
from marketplace.models import PolicyPage
from orders.models import Order
from tests.orders.conftest import checkout_data, put
from tests.photos import signed_form

pytestmark = pytest.mark.django_db


def test_signing_up_without_accepting_the_regulations_is_refused(client):
    response = client.post("/dang-ky/", {"phone": "0912000555", "password1": "vu-sua-2026",
                                         "password2": "vu-sua-2026", "notifications": "on"})  # fmt: skip

    assert response.status_code == 200
    assert "hãy đồng ý với Quy chế và Chính sách dữ liệu cá nhân" in response.content.decode()
    assert "pending_sign_up" not in client.session


def test_a_household_registered_by_a_helper_keeps_its_signed_form(client, helper, cai_be):
    client.force_login(helper)
    household = {"kind": "household", "display_name": "Vú sữa Tư Hiền",
                 "representative": "Lê Thị Hiền", "phone": "0912 555 666"}  # fmt: skip
    refused = client.post("/cua-toi/ho-tro/dang-ky-ho/", household)
    assert "Hãy tải lên ảnh phiếu đồng ý đã ký." in refused.content.decode()

    client.post("/cua-toi/ho-tro/dang-ky-ho/", {**household, "paper_form": signed_form(),
                                                "marketing": "on"})  # fmt: skip

    consents = Consent.objects.filter(user__phone="+84912555666")
    assert {c.purpose for c in consents} == {"account", "seller_page", "notifications", "marketing"}
    assert {c.recorded_by for c in consents} == {helper}
    assert len({c.paper_form.name for c in consents}) == 1  # one scan, kept once
    stored = consents.first().paper_form
    assert stored.storage.exists(stored.name) and not stored.name.endswith("phieu-dong-y.jpg")
    assert current_consents(consents.first().user)["notifications"] is False
    acceptances = PolicyAcceptance.objects.filter(user__phone="+84912555666")
    assert {(a.kind, a.version, a.occasion) for a in acceptances} == {
        ("regulations", "2026-12", "on_behalf"),
        ("privacy", "2026-12", "on_behalf"),
    }


def test_a_withdrawn_consent_is_a_new_record_and_the_old_one_stays(client, farmer):
    client.force_login(farmer)
    client.post("/cua-toi/du-lieu/dong-y/", {"marketing": "on"})
    client.post("/cua-toi/du-lieu/dong-y/", {})

    history = list(farmer.consents.filter(purpose="marketing").values_list("given", flat=True))
    assert history == [False, True]  # newest first
    assert current_consents(farmer)["marketing"] is False


def test_a_seller_accepts_the_regulations_again_when_a_new_version_is_in_force(
    client, farmer, demo_site
):
    client.force_login(farmer)
    assert client.get("/cua-toi/").status_code == 200
    demo_site.add_child(instance=PolicyPage(
        title="Quy chế 2027", slug="quy-che-2027", kind="regulations", version="2027-01",
        effective_on=timezone.localdate(),
    ))  # fmt: skip

    held = client.get("/cua-toi/san-pham/")
    assert held.status_code == 302
    assert held["Location"] == "/cua-toi/quy-che-moi/?next=%2Fcua-toi%2Fsan-pham%2F"
    assert client.get("/cua-toi/du-lieu/").status_code == 200  # one's rights are never held
    accepted = client.post("/cua-toi/quy-che-moi/", {"next": "/cua-toi/san-pham/"})

    assert accepted["Location"] == "/cua-toi/san-pham/"
    assert client.get("/cua-toi/san-pham/").status_code == 200
    assert farmer.policy_acceptances.filter(version="2027-01", occasion="changed").exists()


def test_a_buyer_who_did_not_accept_the_regulations_orders_nothing(client, mango, cai_be):
    put(client, mango, "2")

    refused = client.post("/thanh-toan/", checkout_data(cai_be, accept_regulations=""))

    assert "Để đặt hàng, hãy đồng ý với Quy chế hoạt động." in refused.content.decode()
    assert not Order.objects.exists()
    client.post("/thanh-toan/", checkout_data(cai_be))
    assert Order.objects.get().regulations_version == "2026-12"
