"""Certificate scans: only real PDFs and photos are kept, re-encoded, in private
storage, and handed out as sandboxed attachments to the producer's members and
officials only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from producers.models import Certification
from tests import photos
from tests.factories import ProducerFactory, certification_data, scanned_certification

pytestmark = pytest.mark.django_db

HTML = b"<html><body><script>fetch('/admin/')</script></body></html>"
JPEG_MAGIC = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture
def producer(farmer):
    return ProducerFactory(owner=farmer, status="draft", onboarding_step=4)


def upload_scan(client, producer, upload):
    return client.post(
        f"/cua-toi/nha-san-xuat/{producer.pk}/buoc/4/",
        certification_data(document_upload=upload),
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("chung-nhan.html", JPEG_MAGIC + HTML),
        ("chung-nhan.jpg", JPEG_MAGIC + HTML),
        ("chung-nhan.html", PDF + HTML),
        ("chung-nhan.pdf", b"%PDF-1.4\n" + HTML + b"\n%%EOF"),
        ("chung-nhan.pdf", b"%PDF-1.4\n" + HTML),
        (
            "chung-nhan.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        ("chung-nhan.gif", b"GIF89a" + HTML),
    ],
)
def test_markup_behind_magic_bytes_or_other_names_is_refused(
    client, farmer, producer, name, content
):
    client.force_login(farmer)

    response = upload_scan(client, producer, SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert "tệp PDF hoặc ảnh" in response.content.decode()
    assert not Certification.objects.exists()


def test_a_photo_named_as_a_pdf_is_refused(client, farmer, producer):
    client.force_login(farmer)

    upload_scan(client, producer, photos.jpeg(name="chung-nhan.pdf"))

    assert not Certification.objects.exists()


def test_a_photo_scan_is_re_encoded_without_gps_under_a_random_name(client, farmer, producer):
    client.force_login(farmer)

    upload_scan(client, producer, photos.jpeg(orientation=6, gps=True, name="IMG_0912.jpg"))

    scan = Certification.objects.get().scan
    assert "IMG_0912" not in scan.name
    with scan.open("rb") as f:
        stored = Image.open(io.BytesIO(f.read()))
    assert stored.format == "JPEG"
    assert stored.size == (40, 60)  # turned upright
    assert len(stored.getexif()) == 0


@pytest.fixture
def scanned(producer):
    return scanned_certification(producer, content=PDF)


def scan_url(certification):
    return f"/cua-toi/giay-chung-nhan/{certification.pk}/"


@pytest.mark.parametrize("who", ["farmer", "official"])
def test_members_and_officials_download_the_scan_as_a_sandboxed_attachment(
    client, request, scanned, who
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(scan_url(scanned))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("who", ["other_farmer", "buyer", "helper"])
def test_nobody_else_can_read_a_scan(client, request, scanned, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(scan_url(scanned)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, scanned):
    response = client.get(scan_url(scanned))

    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


def test_scans_are_not_under_the_public_media_folder(client, scanned, settings):
    assert not str(scanned.scan.path).startswith(str(settings.MEDIA_ROOT))
    assert client.get(f"/media/{scanned.scan.name}").status_code == 404
    assert client.get(f"/media/../private/{scanned.scan.name}").status_code == 404


def test_only_image_renditions_are_served_from_media(client, settings):
    from marketplace.photos import store_photo

    image = store_photo(photos.jpeg(), "Ảnh nháp")
    rendition = image.get_rendition("fill-40x30")

    assert client.get(image.file.url).status_code == 404  # the original
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
