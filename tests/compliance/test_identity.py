"""No producer is verified before its representative's identity is checked; numbers are
kept encrypted, found by exact match; the public pages say "Đã xác thực danh tính"."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from compliance import identity, tasks
from compliance.models import IdentityCheck
from producers import services
from producers.models import ProducerNotice, VerificationStatus
from tests.factories import ProducerFactory, ProductFactory
from tests.photos import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(farmer, helper, cai_be):
    return ProducerFactory(status="submitted", identity_checked=False, owner=farmer,
                           helper=helper, commune=cai_be)  # fmt: skip


def test_a_producer_cannot_be_verified_without_an_identity_check(waiting, official):
    with pytest.raises(ValidationError, match="xác thực danh tính"):
        services.verify(waiting, official)

    waiting.refresh_from_db()
    assert waiting.status == VerificationStatus.SUBMITTED


def test_an_in_person_check_lets_it_be_verified_and_is_logged(waiting, official):
    check = identity.record_in_person(waiting, official, full_name="Nguyễn Văn Ba",
                                      citizen_id="082 195 012 345")  # fmt: skip
    services.verify(waiting, official)

    waiting.refresh_from_db()
    assert waiting.status == VerificationStatus.VERIFIED
    assert check.expires_on == timezone.localdate() + datetime.timedelta(days=730)
    assert ModelLogEntry.objects.filter(action="compliance.identity_checked",
                                        object_id=str(waiting.pk)).exists()  # fmt: skip


def test_the_number_is_encrypted_masked_and_found_only_exactly(waiting, official):
    identity.record_in_person(waiting, official, full_name="Nguyễn Văn Ba",
                              citizen_id="082195012345")  # fmt: skip

    stored = IdentityCheck.objects.get(producer=waiting)
    assert "082195012345" not in stored.citizen_id_sealed + stored.citizen_id_hash
    assert stored.citizen_id == "082195012345"
    assert stored.masked_citizen_id == "0**********5"
    assert list(identity.producers_with_citizen_id("082 195 012 345")) == [waiting]
    assert not identity.producers_with_citizen_id("082195012346").exists()


def test_a_malformed_number_changes_nothing(waiting, official):
    with pytest.raises(ValidationError) as error:
        identity.record_in_person(waiting, official, full_name="Ba", citizen_id="12345")

    assert "citizen_id" in error.value.message_dict
    assert not IdentityCheck.objects.filter(producer=waiting).exists()


def test_an_htx_gives_a_valid_tax_code(official, cai_be):
    htx = ProducerFactory(kind="cooperative", status="submitted", identity_checked=False)
    with pytest.raises(ValidationError) as error:
        identity.record_in_person(htx, official, full_name="Trần Văn Hai", tax_code="0100109107")
    assert "tax_code" in error.value.message_dict

    check = identity.record_in_person(htx, official, full_name="Trần Văn Hai",
                                      tax_code="0100109106")  # fmt: skip
    assert check.tax_code == "0100109106" and check.citizen_id == ""


def test_an_expired_card_is_refused(waiting, official):
    with pytest.raises(ValidationError):
        identity.record_in_person(waiting, official, full_name="Ba", citizen_id="082195012345",
                                  card_expires_on=timezone.localdate() - datetime.timedelta(days=1))  # fmt: skip


def test_the_check_lasts_until_the_card_expires_if_sooner(waiting, official):
    soon = timezone.localdate() + datetime.timedelta(days=30)
    check = identity.record_in_person(waiting, official, full_name="Ba",
                                      citizen_id="082195012345", card_expires_on=soon)  # fmt: skip
    assert check.expires_on == soon


def test_the_card_photo_is_re_encoded_into_private_storage(waiting, official):
    photo = jpeg(name="cccd.jpg", gps=True)
    check = identity.record_in_person(waiting, official, full_name="Ba",
                                      citizen_id="082195012345", card_photo=photo)  # fmt: skip

    assert check.card_photo.name.startswith("identity/") and "cccd" not in check.card_photo.name


def test_the_households_helper_may_check_but_not_a_stranger(waiting, helper, buyer):
    with pytest.raises(PermissionDenied):
        identity.record_in_person(waiting, buyer, full_name="Ba", citizen_id="082195012345")
    assert identity.record_in_person(waiting, helper, full_name="Ba", citizen_id="082195012345")


def test_an_expired_check_keeps_the_producer_verified_and_queues_it_once(official, farmer):
    producer = ProducerFactory(identity_checked=False, owner=farmer)
    identity.record_in_person(producer, official, full_name="Ba", citizen_id="082195012345")
    IdentityCheck.objects.update(expires_on=timezone.localdate() - datetime.timedelta(days=1))

    assert tasks.review_expired_identities() == 1
    assert tasks.review_expired_identities() == 0  # told once

    producer.refresh_from_db()
    assert producer.status == VerificationStatus.VERIFIED
    assert list(identity.needing_a_new_check()) == [producer]
    assert ProducerNotice.objects.filter(producer=producer, topic="identity-expired").count() == 1


def test_the_public_pages_disclose_the_seller_and_its_identity(client, cai_be):
    checked = ProducerFactory(commune=cai_be, address="Ấp Hòa Lộc")
    product = ProductFactory(producer=checked)
    unchecked = ProducerFactory(commune=cai_be, identity_checked=False)

    for url in (product.get_absolute_url(), checked.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Đã xác thực danh tính" in page and "Ấp Hòa Lộc" in page and "Xã Cái Bè" in page
    assert "Đã xác thực danh tính" not in client.get(unchecked.get_absolute_url()).content.decode()


def test_the_official_records_a_check_in_the_admin(client, official, waiting):
    client.force_login(official)
    url = f"/admin/identity/new/?producer={waiting.pk}"
    assert client.get(url).status_code == 200

    response = client.post(
        url, {"full_name": "Nguyễn Văn Ba", "citizen_id": "0821950", "seen": "on"}
    )
    assert (
        response.status_code == 200 and not IdentityCheck.objects.filter(producer=waiting).exists()
    )

    response = client.post(
        url, {"full_name": "Nguyễn Văn Ba", "citizen_id": "082195012345", "seen": "on"}
    )
    assert response.status_code == 302
    inspect = client.get(f"/admin/producers/inspect/{waiting.pk}/").content.decode()
    assert "0**********5" in inspect and "082195012345" not in inspect
