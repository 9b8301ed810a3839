import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accounts.roles import OFFICIALS
from notifications.models import Message
from tests.factories import UserFactory
from wholesale import businesses
from wholesale.models import Business, BusinessStatus

from .conftest import TAX_CODE, make_business

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0312687878", "0312687878"),
        ("0312 687 878", "0312687878"),
        ("0312687878-001", "0312687878-001"),
        ("082195001234", "082195001234"),  # a household business's ID number
    ],
)
def test_tax_codes_are_read_as_written_on_invoices(typed, kept):
    assert businesses.clean_tax_code(typed) == kept


@pytest.mark.parametrize("typed", ["0312687879", "12345", "", "abc", "03126878780011", "0" * 40])
def test_a_wrong_tax_code_is_refused_in_words(typed):
    with pytest.raises(ValidationError) as error:
        businesses.clean_tax_code(typed)
    assert "mã số thuế" in " ".join(error.value.messages).lower() or error.value.code == "tax_code"


def test_registering_waits_for_an_official_and_texts_the_business(kitchen_user, cai_be):
    business = businesses.register(
        kitchen_user,
        Business(kind="kitchen", name="Bếp ăn Trường Cái Bè", tax_code="0312 687 878",
                 contact_name="Cô Hạnh", phone="+84903555001", commune=cai_be, address="Ấp 1"),
    )  # fmt: skip
    assert business.status == BusinessStatus.PENDING
    assert business.tax_code == TAX_CODE
    assert not businesses.is_approved_buyer(kitchen_user)
    assert Message.objects.filter(phone="+84903555001", event="wholesale").count() == 1
    with pytest.raises(ValidationError):
        businesses.register(kitchen_user, Business(name="Again", commune=cai_be))


def test_an_official_of_the_commune_approves_and_the_business_is_told(
    kitchen_user, cai_be, rice_official
):
    business = make_business(kitchen_user, cai_be, status=BusinessStatus.PENDING)
    businesses.approve(business, rice_official)
    business.refresh_from_db()
    assert business.status == BusinessStatus.APPROVED
    assert business.reviewed_by == rice_official
    kitchen_user.refresh_from_db()
    assert businesses.is_approved_buyer(kitchen_user)
    assert Message.objects.filter(phone=business.phone, key__contains="approved").exists()


def test_an_official_of_another_commune_cannot_approve(kitchen_user, home_communes, cai_be):
    elsewhere = home_communes.exclude(pk=cai_be.pk).first()
    stranger = UserFactory(
        username="canbo_khac", roles=[OFFICIALS], areas={"communes": [elsewhere]}
    )
    business = make_business(kitchen_user, cai_be, status=BusinessStatus.PENDING)
    with pytest.raises(Http404):
        businesses.approve(business, stranger)
    business.refresh_from_db()
    assert business.status == BusinessStatus.PENDING


def test_rejecting_needs_a_reason_the_business_reads(kitchen_user, cai_be, rice_official):
    business = make_business(kitchen_user, cai_be, status=BusinessStatus.PENDING)
    with pytest.raises(ValidationError):
        businesses.reject(business, rice_official, "  ")
    businesses.reject(business, rice_official, "Mã số thuế không khớp tên")
    business.refresh_from_db()
    assert business.status == BusinessStatus.REJECTED
    # Corrected, it is sent again and waits again.
    business.name = "Bếp ăn Trường Tiểu học Cái Bè"
    again = businesses.register(kitchen_user, business)
    assert again.pk == business.pk and again.status == BusinessStatus.PENDING


def test_the_registration_page_refuses_a_wrong_tax_code_with_a_form_error(
    client, kitchen_user, cai_be
):
    client.force_login(kitchen_user)
    response = client.post(
        "/cua-toi/mua-si/dang-ky/",
        {"kind": "kitchen", "name": "Bếp", "tax_code": "0312687879", "contact_name": "Hạnh",
         "phone": "0903555001", "commune": cai_be.pk, "address": "Ấp 1"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Business.objects.exists()
    assert "0312687878" in response.content.decode()  # the example in the error
