import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from producers import services
from tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(farmer):
    return ProducerFactory(status="submitted", owner=farmer, email="ba@example.vn")


def test_an_official_verifies_and_the_producer_is_told(
    submitted, official, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.verify(submitted, official)

    submitted.refresh_from_db()
    assert submitted.status == "verified"
    change = submitted.status_history.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "submitted",
        "verified",
        official,
    )
    assert "đã được xác minh" in submitted.notices.get().message
    assert mailoutbox[0].to == ["ba@example.vn"]
    assert "đã được xác minh" in mailoutbox[0].subject


def test_rejecting_needs_a_reason_that_the_producer_reads(submitted, official):
    with pytest.raises(ValidationError):
        services.reject(submitted, official, "  ")

    services.reject(submitted, official, "Ảnh giấy chứng nhận bị mờ")

    submitted.refresh_from_db()
    assert submitted.status == "rejected"
    assert "Ảnh giấy chứng nhận bị mờ" in submitted.notices.get().message


def test_a_suspended_producer_is_no_longer_public(client, official, farmer):
    producer = ProducerFactory(status="verified", owner=farmer)

    services.suspend(producer, official, "Khiếu nại về chất lượng")

    assert client.get(producer.get_absolute_url()).status_code == 404


def test_impossible_moves_are_refused(submitted, official):
    services.verify(submitted, official)

    with pytest.raises(ValidationError, match="không thể chuyển"):
        services.verify(submitted, official)


def test_only_officials_moderate(submitted, farmer, helper):
    for user in (farmer, helper):
        with pytest.raises(PermissionDenied):
            services.verify(submitted, user)


def test_the_verification_queue_lists_submitted_producers(client, official, submitted):
    ProducerFactory(status="draft", display_name="Hồ sơ nháp")
    client.force_login(official)

    response = client.get("/admin/producers/?status=submitted")

    assert response.status_code == 200
    html = response.content.decode()
    assert submitted.display_name in html
    assert "Hồ sơ nháp" not in html


def test_an_official_verifies_from_the_admin(client, official, submitted):
    client.force_login(official)
    inspect = client.get(f"/admin/producers/inspect/{submitted.pk}/")
    assert inspect.status_code == 200
    assert "Xác minh" in inspect.content.decode()

    response = client.post(
        f"/admin/producers/moderate/{submitted.pk}/",
        {"action": "verify", "reason": "", "looked": "1"},
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "verified"


def test_rejecting_from_the_admin_without_a_reason_changes_nothing(client, official, submitted):
    client.force_login(official)

    client.post(f"/admin/producers/moderate/{submitted.pk}/", {"action": "reject", "reason": ""})

    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_officials_export_the_producer_list(client, official, submitted):
    client.force_login(official)

    response = client.get("/admin/producers/?export=csv")

    assert response.status_code == 200
    assert submitted.display_name in response.getvalue().decode()


def test_the_official_sees_what_goes_public_and_confirms_before_verifying(
    client, official, submitted
):
    """Issue 22, item 20: verifying put a farm's photos and products in public unseen."""
    from tests.factories import ProductFactory

    ProductFactory(producer=submitted, name="Mít Thái siêu sớm")
    client.force_login(official)

    inspect = client.get(f"/admin/producers/inspect/{submitted.pk}/").content.decode()
    unconfirmed = client.post(
        f"/admin/producers/moderate/{submitted.pk}/", {"action": "verify", "reason": ""}
    )

    assert "Những gì sẽ công khai khi được xác minh" in inspect and "Mít Thái siêu sớm" in inspect
    assert unconfirmed.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
