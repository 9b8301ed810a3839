"""After verification, what officials checked changes only with their approval:
a verified producer's identity and certificates wait, the public page keeps the
verified values, and products claim only approved, valid certificates."""

import datetime

import pytest
from django.utils import timezone

from catalog.models import Category, Product
from producers import changes
from producers.models import Certification, ProducerChange
from tests.factories import ProducerFactory, ProductFactory, certification_data

pytestmark = pytest.mark.django_db

WHO = {"kind": "household", "representative": "Nguyễn Văn Ba"}


@pytest.fixture
def verified(farmer, cai_be):
    return ProducerFactory(
        owner=farmer, display_name="Vườn xoài Út Ba", commune=cai_be, status="verified"
    )


def certificate_step(client, producer):
    data = certification_data(kind="ocop", ocop_stars="5", number="OCOP-2026-01")
    return client.post(f"/cua-toi/nha-san-xuat/{producer.pk}/buoc/4/", data, follow=True)


def test_a_verified_producer_renaming_itself_waits_for_an_official(client, farmer, verified):
    client.force_login(farmer)

    response = client.post(
        f"/cua-toi/nha-san-xuat/{verified.pk}/buoc/1/",
        {
            **WHO,
            "phone": verified.phone,
            "display_name": "Vườn xoài Hạng Nhất",
            "email": "ba@example.vn",
        },
        follow=True,
    )

    assert "đang chờ cán bộ duyệt" in response.content.decode()
    verified.refresh_from_db()
    assert verified.display_name == "Vườn xoài Út Ba"  # the public keeps the verified name
    assert verified.email == "ba@example.vn"  # contact details are not identity
    assert verified.status == "verified"
    assert ProducerChange.objects.get().values == {"display_name": "Vườn xoài Hạng Nhất"}
    assert "Vườn xoài Út Ba" in client.get(verified.get_absolute_url()).content.decode()


def test_an_official_approves_the_change_and_the_producer_is_told(verified, official, farmer):
    ProducerChange.objects.create(producer=verified, values={"display_name": "Vườn Mới"})

    changes.approve_changes(verified, official)

    verified.refresh_from_db()
    assert verified.display_name == "Vườn Mới"
    assert verified.notices.filter(message__contains="được duyệt").exists()
    assert verified.pending_change is None


def test_a_self_declared_ocop_5_star_is_not_public_nor_claimable_until_approved(
    client, farmer, verified, official
):
    client.force_login(farmer)
    product = ProductFactory(producer=verified)

    certificate_step(client, verified)

    certificate = Certification.objects.get()
    assert certificate.approved_at is None
    assert "OCOP" not in client.get(verified.get_absolute_url()).content.decode()
    form = client.get(f"/cua-toi/san-pham/{product.pk}/sua/").context["form"]
    assert form.fields["ocop_stars"].choices == [("", "—")]

    changes.approve_changes(verified, official)

    form = client.get(f"/cua-toi/san-pham/{product.pk}/sua/").context["form"]
    assert (5, "5★") in form.fields["ocop_stars"].choices
    assert "OCOP 5★" in client.get(verified.get_absolute_url()).content.decode()


def test_rejected_changes_are_dropped_with_the_reason(client, farmer, verified, official):
    client.force_login(farmer)
    certificate_step(client, verified)

    changes.reject_changes(verified, official, "Không có giấy chứng nhận gốc")

    assert not Certification.objects.exists()
    assert verified.notices.filter(message__contains="Không có giấy chứng nhận gốc").exists()


def test_officials_find_producers_with_waiting_changes_in_the_admin(client, verified, official):
    ProducerChange.objects.create(producer=verified, values={"display_name": "Vườn Mới"})
    ProducerFactory(display_name="Không đổi gì", status="verified")
    client.force_login(official)

    html = client.get("/admin/producers/?pending_changes=true").content.decode()

    assert "Vườn xoài Út Ba" in html and "Không đổi gì" not in html
    assert "Vườn Mới" in client.get(f"/admin/producers/inspect/{verified.pk}/").content.decode()


def product_data(**overrides):
    return {
        "name": "Xoài cát Hòa Lộc",
        "category": str(Category.objects.get(slug="xoai").pk),
        "price_vnd": "150.000",
        "unit": "kg",
        "quantity_step": "0.5",
        "min_order_quantity": "1",
        **overrides,
    }


@pytest.mark.parametrize(
    "claim", [{"certifications": ["vietgap"]}, {"ocop_stars": "4"}], ids=["vietgap", "ocop"]
)
def test_a_product_cannot_claim_what_its_producer_does_not_hold(client, farmer, verified, claim):
    client.force_login(farmer)

    response = client.post(f"/cua-toi/san-pham/moi/{verified.pk}/", product_data(**claim))

    assert response.status_code == 200
    assert not Product.objects.exists()


def test_an_expired_certificate_is_not_claimable(verified):
    from django.core.exceptions import ValidationError

    Certification.objects.create(
        producer=verified, kind="vietgap", number="VG", issuer="TT",
        expires_on=timezone.localdate() - datetime.timedelta(days=1), approved_at=timezone.now(),
    )  # fmt: skip
    product = ProductFactory(producer=verified, certifications=["vietgap"])

    with pytest.raises(ValidationError) as refused:
        product.full_clean()
    assert "certifications" in refused.value.message_dict


def test_verification_approves_the_certificates_the_official_saw(farmer, official):
    from producers import services

    producer = ProducerFactory(owner=farmer, status="submitted")
    Certification.objects.create(
        producer=producer, kind="vietgap", number="VG", issuer="TT",
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )  # fmt: skip

    services.verify(producer, official)

    assert Certification.objects.get().approved_at is not None
