"""Uploads in S3-compatible object storage (S3_BUCKET), against a real S3 server:
SeaweedFS's S3 gateway, started by scripts/services.sh. Photos land in the public
bucket and are read from the storage's address; certificate scans land in the
private one, refused to anyone without a signature and handed out by the checked
view; storage that cannot be reached saves nothing and says so in Vietnamese."""

import os
import urllib.error
import urllib.request

import boto3
import pytest
from django.core.files.storage import storages

from catalog.models import Category, Product
from marketplace.storage import s3_options
from producers.models import Certification
from tests import photos
from tests.factories import ProducerFactory, scanned_certification

pytestmark = [pytest.mark.s3, pytest.mark.django_db]
PUBLIC, PRIVATE = "chonongsan-media", "chonongsan-private"


def fetch(url):
    """(status, body) of an anonymous GET."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.fixture
def s3(settings, monkeypatch):
    """The site's storages pointed at the S3 server, buckets there, the scans' field too."""
    client = boto3.client(
        "s3",
        endpoint_url=os.environ["S3_ENDPOINT_URL"],
        aws_access_key_id=os.environ["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["S3_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    existing = {bucket["Name"] for bucket in client.list_buckets()["Buckets"]}
    for bucket in (PUBLIC, PRIVATE):
        if bucket not in existing:
            client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": s3_options(PUBLIC, querystring_auth=False),
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": s3_options(PRIVATE, querystring_auth=True, querystring_expire=300),
        },
    }
    # A callable storage is evaluated once, when the model loads.
    monkeypatch.setattr(Certification._meta.get_field("scan"), "storage", storages["private"])
    return client


def new_product(client, farm, photo):
    """The farmer's form for a new product, with one photo."""
    return client.post(
        f"/cua-toi/san-pham/moi/{farm.pk}/",
        {
            "name": "Xoài cát Hòa Lộc",
            "category": Category.objects.get(slug="xoai").pk,
            "price_vnd": "150.000",
            "unit": "kg",
            "quantity_step": "0.5",
            "min_order_quantity": "1",
            "new_photos": [photo],
        },
    )


def keys(client, bucket):
    return {item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_a_product_photo_goes_to_the_public_bucket_and_is_read_from_there(client, farmer, s3):
    farm = ProducerFactory(owner=farmer)
    client.force_login(farmer)
    before = keys(s3, PUBLIC)

    response = new_product(client, farm, photos.jpeg(name="IMG_0001.jpg"))

    assert response.status_code == 302
    image = Product.objects.get().photos.get().image
    stored = keys(s3, PUBLIC) - before
    assert stored == {image.file.name} and "IMG_0001" not in image.file.name
    rendition = image.get_rendition("fill-200x200")
    assert rendition.file.name in keys(s3, PUBLIC)
    assert rendition.url.startswith(os.environ["S3_ENDPOINT_URL"])  # not the site's origin
    status, body = fetch(rendition.url)
    assert status == 200 and body[:3] == b"\xff\xd8\xff"


def test_a_certificate_scan_is_private_and_reaches_members_through_the_checked_view(
    client, farmer, s3
):
    producer = ProducerFactory(owner=farmer, status="draft")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    certification = scanned_certification(producer, content=pdf)
    name = certification.scan.name

    assert name in keys(s3, PRIVATE) and name not in keys(s3, PUBLIC)
    unsigned = f"{os.environ['S3_ENDPOINT_URL']}/{PRIVATE}/{name}"
    assert fetch(unsigned)[0] in (401, 403)  # no signature, no scan
    assert fetch(certification.scan.url) == (200, pdf)  # a 5-minute signed URL
    client.force_login(farmer)
    response = client.get(f"/cua-toi/giay-chung-nhan/{certification.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf


def test_object_storage_out_of_reach_saves_nothing_and_says_so(client, farmer, s3, settings):
    settings.STORAGES["default"]["OPTIONS"] = {
        **settings.STORAGES["default"]["OPTIONS"],
        "endpoint_url": "http://127.0.0.1:9",  # nothing listens
    }
    settings.STORAGES = dict(settings.STORAGES)  # tell Django the storages changed
    farm = ProducerFactory(owner=farmer)
    client.force_login(farmer)

    response = new_product(client, farm, photos.jpeg(name="a.jpg"))

    assert response.status_code == 200
    assert "Không lưu được ảnh" in response.content.decode()
    assert not Product.objects.exists()
