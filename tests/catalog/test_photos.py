import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.photos import store_photo
from tests import photos

pytestmark = pytest.mark.django_db


def stored(image):
    with image.file.open("rb") as f:
        pil = Image.open(f)
        pil.load()
    return pil


def test_a_phone_photo_is_turned_upright_and_loses_its_gps_and_camera_data():
    upload = photos.jpeg(width=60, height=40, orientation=6, gps=True)
    with Image.open(upload) as original:
        assert original.getexif().get_ifd(photos.GPS_IFD)

    image = store_photo(upload, title="Xoài")

    saved = stored(image)
    assert saved.size == (40, 60)  # rotated as the phone meant
    assert len(saved.getexif()) == 0
    assert image.width == 40 and image.height == 60


def test_a_heic_photo_from_a_phone_is_stored_as_jpeg():
    image = store_photo(photos.heic(), title="Thanh long")

    assert image.file.name.endswith(".jpg")
    assert stored(image).format == "JPEG"


def test_a_file_named_png_that_is_a_jpeg_is_refused():
    with pytest.raises(ValidationError) as error:
        store_photo(photos.jpeg(name="anh.png"), title="x")

    assert "Chọn lại ảnh" in error.value.messages[0]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("ghi-chu.jpg", b"day khong phai anh"), "không phải là hình ảnh"),
        (
            SimpleUploadedFile(
                "xoai.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            ),
            "JPEG, PNG, WebP hoặc HEIC",
        ),
    ],
    ids=["text file", "svg with script"],
)
def test_files_that_are_not_photos_are_refused(upload, message):
    with pytest.raises(ValidationError) as error:
        store_photo(upload, title="x")

    assert message.lower() in " ".join(error.value.messages).lower()


def test_a_truncated_jpeg_is_refused_in_vietnamese():
    whole = photos.jpeg(width=400, height=300).read()
    upload = SimpleUploadedFile("cat-ngang.jpg", whole[: len(whole) // 2])

    with pytest.raises(ValidationError) as error:
        store_photo(upload, title="x")

    assert "Ảnh bị hỏng hoặc không đầy đủ" in error.value.messages[0]


def test_a_100_megapixel_image_is_refused():
    with pytest.raises(ValidationError) as error:
        store_photo(photos.huge_png(100), title="x")

    assert "điểm ảnh" in " ".join(error.value.messages)


def test_a_30_mb_upload_is_refused():
    upload = photos.jpeg()
    upload.size = 30 * 1024 * 1024  # the checks read the size the upload reports

    with pytest.raises(ValidationError) as error:
        store_photo(upload, title="x")

    assert "tối đa 20" in " ".join(error.value.messages)
