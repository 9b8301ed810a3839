"""The permission matrix: every role against every producer action.

Expected outcomes: "ok" (allowed and done), "hidden" (404: not even told it
exists), "forbidden" (403), "login" (sent to a login page). Anything but "ok"
must leave the producer unchanged.
"""

import pytest

from tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db

LOGIN_PAGES = ("/dang-nhap/", "/admin/login/")
ROLES = ["anonymous", "buyer", "owner", "other_farmer", "helper", "other_helper", "official"]

MATRIX = {
    # action:                  anonymous  buyer     owner        other_farmer helper       other_helper official
    "view_verified_page":     ["ok",      "ok",     "ok",        "ok",        "ok",        "ok",        "ok"],
    "view_draft_page":        ["hidden",  "hidden", "ok",        "hidden",    "ok",        "hidden",    "ok"],
    "edit_profile":           ["login",   "hidden", "ok",        "hidden",    "ok",        "hidden",    "hidden"],
    "issue_claim_code":       ["login",   "hidden", "forbidden", "hidden",    "ok",        "hidden",    "hidden"],
    "moderate":               ["login",   "login",  "login",     "login",     "login",     "login",     "ok"],
    "open_admin_list":        ["login",   "login",  "login",     "login",     "login",     "login",     "ok"],
}  # fmt: skip


@pytest.fixture
def users(buyer, farmer, other_farmer, helper, other_helper, official):
    return {
        "anonymous": None,
        "buyer": buyer,
        "owner": farmer,
        "other_farmer": other_farmer,
        "helper": helper,
        "other_helper": other_helper,
        "official": official,
    }


@pytest.fixture
def draft(farmer, helper):
    return ProducerFactory(status="draft", owner=farmer, helper=helper, display_name="Hồ sơ nháp")


@pytest.fixture
def submitted(farmer, helper):
    return ProducerFactory(status="submitted", owner=farmer, helper=helper)


def outcome(response):
    if response.status_code == 404:
        return "hidden"
    if response.status_code == 403:
        return "forbidden"
    if response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES):
        return "login"
    if response.status_code in (200, 302):
        return "ok"
    return f"status {response.status_code}"


def perform(client, action, producer):
    if action in ("view_verified_page", "view_draft_page"):
        return client.get(producer.get_absolute_url()), None
    if action == "edit_profile":
        data = {
            "kind": "household",
            "display_name": "Đã bị sửa",
            "representative": "X",
            "phone": "0912000001",
        }
        response = client.post(f"/cua-toi/nha-san-xuat/{producer.pk}/buoc/1/", data)
        producer.refresh_from_db()
        return response, producer.display_name == "Đã bị sửa"
    if action == "issue_claim_code":
        response = client.post(f"/cua-toi/nha-san-xuat/{producer.pk}/ma-nhan/")
        return response, producer.claim_codes.exists()
    if action == "moderate":
        response = client.post(
            f"/admin/producers/moderate/{producer.pk}/", {"action": "verify", "looked": "1"}
        )
        producer.refresh_from_db()
        return response, producer.status == "verified"
    if action == "open_admin_list":
        return client.get("/admin/producers/"), None
    raise AssertionError(action)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(client, users, draft, submitted, action, role_index):
    role = ROLES[role_index]
    expected = MATRIX[action][role_index]
    if action == "issue_claim_code":
        users["owner"].set_unusable_password()  # a household that has not claimed its account
        users["owner"].save()
    if users[role] is not None:
        client.force_login(users[role])
    producer = {
        "view_verified_page": ProducerFactory(status="verified"),
        "moderate": submitted,
    }.get(action, draft)

    response, changed = perform(client, action, producer)

    assert outcome(response) == expected
    if changed is not None:
        assert changed == (expected == "ok")
