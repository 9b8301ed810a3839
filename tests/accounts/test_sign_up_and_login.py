import re

import pytest
from django.contrib.auth import get_user_model

from accounts.phones import display_phone, parse_phone

pytestmark = pytest.mark.django_db
PASSWORD = "nong-san-2026"


def sign_up(client, phone, password=PASSWORD, confirmation=None):
    return client.post(
        "/dang-ky/",
        {
            "phone": phone,
            "password1": password,
            "password2": confirmation or password,
            "accept": "on",
        },
    )


@pytest.mark.parametrize("raw", ["0912 345 678", "+84 912 345 678", "84912345678", "0912.345.678"])
def test_phone_numbers_are_stored_in_e164(raw):
    assert parse_phone(raw) == "+84912345678"
    assert display_phone("+84912345678") == "0912 345 678"


def texted_code(sms_outbox, phone="+84912345678"):
    phone_sent, message = sms_outbox[-1]
    assert phone_sent == phone
    return re.search(r"\b(\d{6})\b", message).group(1)


def test_a_farmer_proves_the_phone_with_a_texted_code_then_goes_to_the_wizard(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "0912 345 678")
    assert response["Location"] == "/dang-ky/xac-nhan/"
    assert not get_user_model().objects.exists()  # nothing until the phone is proved

    response = client.post("/dang-ky/xac-nhan/", {"code": texted_code(sms_outbox)})

    assert response.status_code == 302
    assert response["Location"] == "/cua-toi/nha-san-xuat/moi/"
    user = get_user_model().objects.get(phone="+84912345678")
    assert user.groups.filter(name="Nông dân").exists()
    assert user.phone_verified_at is not None
    assert user.check_password(PASSWORD)
    assert client.get("/cua-toi/").status_code == 200


def test_a_wrong_code_creates_nothing_and_five_wrong_codes_end_the_code(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "0912 345 678")
    code = texted_code(sms_outbox)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    for _ in range(5):
        response = client.post("/dang-ky/xac-nhan/", {"code": wrong})
        assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()
    client.post("/dang-ky/xac-nhan/", {"code": code})  # right, but too late

    assert not get_user_model().objects.exists()


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


def test_sign_up_does_not_tell_strangers_a_phone_is_registered(
    client, farmer, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registered = sign_up(client, "0912 000 001")
        client.get(registered["Location"])
    page_for_registered = client.get("/dang-ky/xac-nhan/").content.decode()
    client.session.flush()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "0912 000 002")
    page_for_new = client.get("/dang-ky/xac-nhan/").content.decode()

    assert registered["Location"] == "/dang-ky/xac-nhan/"
    assert page_for_registered.replace("0912 000 001", "X") == page_for_new.replace(
        "0912 000 002", "X"
    ).replace(
        re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', page_for_new).group(0),
        re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', page_for_registered).group(0),
    )
    assert "đã được đăng ký" not in page_for_registered
    owner_phone, notice = sms_outbox[0]
    assert owner_phone == "+84912000001" and "đã có tài khoản" in notice  # the owner is told
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


def test_password_reset_by_phone_with_a_texted_code(
    client, farmer, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/quen-mat-khau/", {"phone": "0912 000 001"})
    assert response["Location"] == "/quen-mat-khau/xac-nhan/"
    code = texted_code(sms_outbox, "+84912000001")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/quen-mat-khau/xac-nhan/",
            {"code": code, "password1": "xoai-ngot-2026", "password2": "xoai-ngot-2026"},
        )

    assert response["Location"] == "/dang-nhap/"
    farmer.refresh_from_db()
    assert farmer.check_password("xoai-ngot-2026")
    assert "vừa được đổi" in sms_outbox[-1][1]  # and the owner is told
    # The code worked once.
    response = client.post(
        "/quen-mat-khau/xac-nhan/",
        {"code": code, "password1": "mat-khau-khac-9", "password2": "mat-khau-khac-9"},
    )
    assert response.status_code == 302  # no pending reset any more: back to the start
    farmer.refresh_from_db()
    assert farmer.check_password("xoai-ngot-2026")


def test_password_reset_for_an_unknown_phone_looks_the_same_and_texts_nothing(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/quen-mat-khau/", {"phone": "0912 999 999"})

    assert response["Location"] == "/quen-mat-khau/xac-nhan/"
    assert sms_outbox == []


def test_an_official_releases_a_phone_held_by_an_unverified_account(client, official):
    squatter = get_user_model().objects.create(username="+84912000444", phone="+84912000444")
    client.force_login(official)

    response = client.post("/admin/so-dien-thoai/giai-phong/", {"phone": "0912 000 444"})

    assert response.status_code == 302
    squatter.refresh_from_db()
    assert squatter.phone is None and not squatter.is_active


def test_a_proved_phone_cannot_be_released(client, official):
    from django.utils import timezone

    owner = get_user_model().objects.create(
        username="+84912000445", phone="+84912000445", phone_verified_at=timezone.now()
    )
    client.force_login(official)

    response = client.post("/admin/so-dien-thoai/giai-phong/", {"phone": "0912 000 445"})

    assert "không thể giải phóng" in response.content.decode()
    owner.refresh_from_db()
    assert owner.phone == "+84912000445"


def test_farmers_cannot_release_phones(client, farmer):
    client.force_login(farmer)

    response = client.post("/admin/so-dien-thoai/giai-phong/", {"phone": "0912 000 001"})

    assert response.status_code in (302, 403)
    farmer.refresh_from_db()
    assert farmer.phone == "+84912000001"


def test_password_reset_sends_a_vietnamese_email(client, farmer, mailoutbox):
    farmer.email = "ba@example.vn"
    farmer.save()

    response = client.post("/quen-mat-khau/email/", {"email": "ba@example.vn"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "mật khẩu" in mailoutbox[0].subject
    assert "/dat-lai-mat-khau/" in mailoutbox[0].body


def test_the_reset_link_is_built_from_site_url_not_the_host_header(
    client, farmer, mailoutbox, settings
):
    """Item 33: a client picks the Host header; the link must lead to the site itself."""
    settings.SITE_URL = "https://cho.example.vn"
    farmer.email = "ba@example.vn"
    farmer.save()

    client.post("/quen-mat-khau/email/", {"email": "ba@example.vn"}, HTTP_HOST="evil.example:8080")

    assert "https://cho.example.vn/dat-lai-mat-khau/" in mailoutbox[0].body
    assert "evil.example" not in mailoutbox[0].body
