import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from producers.models import Producer, ProducerActivity
from tests.factories import certification_data

pytestmark = pytest.mark.django_db

WHO = {
    "kind": "household",
    "display_name": "Vườn xoài Út Ba",
    "representative": "Trần Văn Ba",
    "phone": "0912 000 001",
}


def step_url(producer, step):
    return f"/cua-toi/nha-san-xuat/{producer.pk}/buoc/{step}/"


@pytest.fixture
def started(client, farmer, home_communes):
    client.force_login(farmer)
    client.post("/cua-toi/nha-san-xuat/moi/", WHO)
    return Producer.objects.get()


def test_the_first_step_creates_a_draft_producer_owned_by_the_farmer(started, farmer):
    assert started.status == "draft"
    assert started.slug == "vuon-xoai-ut-ba"
    assert started.phone == "+84912000001"
    assert started.onboarding_step == 2
    assert started.memberships.get().user == farmer


def test_the_wizard_saves_each_step_and_submits(client, started, cai_be):
    client.post(step_url(started, 2), {"commune": cai_be.pk, "address": "Ấp Hòa Quý"})
    client.post(
        step_url(started, 3),
        {"main_products": "Xoài cát Hòa Lộc", "story": "<p>Ba đời trồng xoài.</p>"},
    )
    client.post(step_url(started, 4), certification_data())
    response = client.post(step_url(started, 5))

    started.refresh_from_db()
    assert response.status_code == 302
    assert started.commune == cai_be
    assert started.certifications.get().kind == "vietgap"
    assert started.status == "submitted"
    assert started.status_history.get().to_status == "submitted"


def test_a_farmer_can_stop_and_resume_where_they_left_off(client, started, cai_be):
    client.post(step_url(started, 2), {"commune": cai_be.pk})
    client.logout()

    started.refresh_from_db()
    assert started.onboarding_step == 3
    client.force_login(started.memberships.get().user)
    portal = client.get("/cua-toi/").content.decode()
    assert step_url(started, 3) in portal


def test_an_old_address_is_converted_to_the_new_commune(client, started):
    response = client.post(
        step_url(started, 2),
        {"old_address": "Xã Hòa Khánh, Huyện Cái Bè, Tỉnh Tiền Giang"},
        follow=True,
    )

    started.refresh_from_db()
    assert started.commune.name == "Xã Cái Bè"
    # Issue 22, item 14: the farmer is told which 2025 commune was chosen.
    assert "Địa chỉ của bạn nay thuộc Xã Cái Bè" in response.content.decode()


def test_a_commune_outside_the_province_is_refused(client, started):
    from areas.models import Commune, Province

    province = Province.objects.create(code=1, name="Hà Nội", division_type="thành phố trung ương")
    hanoi = Commune.objects.create(
        code=1, name="Phường Ba Đình", division_type="phường", slug="ba-dinh", province=province
    )

    response = client.post(step_url(started, 2), {"commune": hanoi.pk})

    assert "Xã/phường này không thuộc tỉnh" in response.content.decode()
    started.refresh_from_db()
    assert started.commune is None
    assert started.onboarding_step == 2


def test_script_in_a_name_is_refused_and_nothing_changes(client, started):
    response = client.post(
        step_url(started, 1), {**WHO, "display_name": "<script>alert(1)</script>"}
    )

    assert "không được chứa mã HTML" in response.content.decode()
    started.refresh_from_db()
    assert started.display_name == "Vườn xoài Út Ba"


def test_script_in_the_story_is_refused(client, started):
    response = client.post(
        step_url(started, 3), {"main_products": "Xoài", "story": "<p onclick=alert(1)>Hi</p>"}
    )

    assert "không được chứa mã script" in response.content.decode()
    started.refresh_from_db()
    assert started.story == ""


def test_an_expired_certificate_is_refused(client, started):
    response = client.post(step_url(started, 4), certification_data(expires_on="2020-01-01"))

    assert "đã hết hạn ngày 01/01/2020" in response.content.decode()
    assert not started.certifications.exists()


def test_a_document_that_is_not_a_pdf_or_image_is_refused(client, started):
    upload = SimpleUploadedFile(
        "chung-nhan.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"
    )

    response = client.post(
        step_url(started, 4), {**certification_data(), "certifications-0-document_upload": upload}
    )

    assert "tệp PDF hoặc ảnh" in response.content.decode()
    assert not started.certifications.exists()


def test_a_document_over_10_mb_is_refused(client, started):
    upload = SimpleUploadedFile("chung-nhan.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))

    response = client.post(
        step_url(started, 4), {**certification_data(), "certifications-0-document_upload": upload}
    )

    assert "tối đa 10 MB" in response.content.decode()
    assert not started.certifications.exists()


def test_a_pdf_scan_is_kept_in_private_storage_under_a_random_name(client, started, settings):
    upload = SimpleUploadedFile(
        "giay-cua-ba-0912000001.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
    )

    client.post(
        step_url(started, 4), {**certification_data(), "certifications-0-document_upload": upload}
    )

    scan = started.certifications.get().scan
    assert scan.name.startswith("certificates/") and scan.name.endswith(".pdf")
    assert "0912000001" not in scan.name
    assert scan.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))


def test_ocop_needs_its_stars(client, started):
    response = client.post(step_url(started, 4), certification_data(kind="ocop"))

    assert "mấy sao OCOP" in response.content.decode()


def test_submitting_an_incomplete_profile_says_what_is_missing(client, started):
    response = client.post(step_url(started, 5), follow=True)

    assert "Vui lòng điền trước khi gửi: xã/phường" in response.content.decode()
    started.refresh_from_db()
    assert started.status == "draft"


def test_each_step_is_recorded_with_its_author(client, started, farmer):
    actions = list(
        ProducerActivity.objects.filter(producer=started).values_list(
            "action", "actor", "on_behalf"
        )
    )

    assert ("created", farmer.pk, False) in actions
    assert ("saved_step_1", farmer.pk, False) in actions


def test_farm_photos_lose_their_gps_data_and_stand_upright(client, started):
    from PIL import Image

    from tests import photos

    client.post(
        step_url(started, 3),
        {
            "main_products": "Xoài",
            "story": "",
            "farm_photos": [photos.jpeg(orientation=6, gps=True)],
        },
    )

    image = started.photos.get().image
    with image.file.open("rb") as f:
        stored = Image.open(f)
        stored.load()
    assert stored.size == (40, 60)
    assert len(stored.getexif()) == 0
