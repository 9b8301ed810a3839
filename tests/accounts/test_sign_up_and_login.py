import pytest
from django.contrib.auth import get_user_model

from accounts.phones import display_phone, parse_phone

pytestmark = pytest.mark.django_db
PASSWORD = "nong-san-2026"


def sign_up(client, phone, password=PASSWORD, confirmation=None):
    return client.post(
        "/dang-ky/",
        {"phone": phone, "password1": password, "password2": confirmation or password},
    )


@pytest.mark.parametrize("raw", ["0912 345 678", "+84 912 345 678", "84912345678", "0912.345.678"])
def test_phone_numbers_are_stored_in_e164(raw):
    assert parse_phone(raw) == "+84912345678"
    assert display_phone("+84912345678") == "0912 345 678"


def test_a_farmer_signs_up_with_a_phone_and_goes_to_the_profile_wizard(client):
    response = sign_up(client, "0912 345 678")

    assert response.status_code == 302
    assert response["Location"] == "/cua-toi/nha-san-xuat/moi/"
    user = get_user_model().objects.get(phone="+84912345678")
    assert user.groups.filter(name="Nông dân").exists()
    assert client.get("/cua-toi/").status_code == 200


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("không có số", "Hãy nhập số điện thoại Việt Nam"),
        ("+1 202 555 0143", "Chỉ dùng được số điện thoại Việt Nam"),
        ("0912 34", "không tồn tại"),
    ],
)
def test_bad_phone_numbers_get_a_vietnamese_message_and_no_account(client, phone, message):
    response = sign_up(client, phone)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.exists()


def test_a_phone_already_registered_cannot_sign_up_again(client, farmer):
    response = sign_up(client, "0912 000 001")

    assert "Số điện thoại này đã được đăng ký" in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_passwords_must_match(client):
    response = sign_up(client, "0912 345 678", confirmation="khac-mat-khau-1")

    assert response.status_code == 200
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("typed", ["0912000001", "+84 912 000 001", "0912 000 001"])
def test_a_farmer_logs_in_with_the_phone_however_typed(client, farmer, typed):
    response = client.post("/dang-nhap/", {"username": typed, "password": "mat-khau-123"})

    assert response.status_code == 302
    assert response["Location"] == "/cua-toi/"


def test_a_wrong_password_is_refused_in_vietnamese(client, farmer):
    response = client.post("/dang-nhap/", {"username": "0912000001", "password": "sai"})

    assert response.status_code == 200
    assert "Sai số điện thoại hoặc mật khẩu" in response.content.decode()


def test_staff_still_log_in_with_a_username(client, official):
    response = client.post("/dang-nhap/", {"username": "canbo1", "password": "mat-khau-123"})

    assert response.status_code == 302


def test_password_reset_sends_a_vietnamese_email(client, farmer, mailoutbox):
    farmer.email = "ba@example.vn"
    farmer.save()

    response = client.post("/quen-mat-khau/", {"email": "ba@example.vn"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "mật khẩu" in mailoutbox[0].subject
    assert "/dat-lai-mat-khau/" in mailoutbox[0].body
