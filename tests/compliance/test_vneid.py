"""The identity client (OpenID Connect, the default IDENTITY_BACKEND) against a local
provider speaking the protocol: the happy path records a VNeID check; a refusal, a
forged or replayed answer, a wrong nonce, a code used twice or expired, and a provider
that hangs each give a clear message and record nothing."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.cache import cache

from compliance.models import IdentityCheck
from producers import services
from producers.models import VerificationStatus
from tests.factories import ProducerFactory

from .fake_oidc import CLIENT_ID, CLIENT_SECRET, CODE_LIFETIME, Provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(settings):
    server = Provider().serve()
    settings.IDENTITY_OIDC_ISSUER = server.issuer
    settings.IDENTITY_OIDC_CLIENT_ID = CLIENT_ID
    settings.IDENTITY_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.GATEWAY_TIMEOUT = 1
    cache.clear()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def household(farmer, cai_be):
    return ProducerFactory(status="submitted", identity_checked=False, owner=farmer, commune=cai_be)


def sign_in_at_provider(client, household):
    """The farmer presses the button, signs in at the provider, and is sent back: the
    provider's answer, as the address our site is sent back to."""
    started = client.post(f"/cua-toi/nha-san-xuat/{household.pk}/danh-tinh/vneid/")
    assert started.status_code == 302, started
    at_provider = requests.get(started["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlsplit(at_provider.headers["Location"])
    assert back.path == "/cua-toi/danh-tinh/vneid/ve/"
    return back.path, {key: values[0] for key, values in parse_qs(back.query).items()}


def come_back(client, path, answer):
    response = client.get(path, answer, follow=True)
    return response, response.content.decode()


def test_a_farmer_checks_their_identity_with_vneid_and_can_be_verified(
    client, farmer, household, provider, official
):
    client.force_login(farmer)
    path, answer = sign_in_at_provider(client, household)

    response, page = come_back(client, path, answer)

    check = IdentityCheck.objects.get(producer=household)
    assert (check.method, check.citizen_id, check.full_name) == (
        "vneid",
        "082195012345",
        "Nguyễn Văn Ba",
    )
    assert check.provider_subject == "vneid-0001"
    assert "Đã xác thực danh tính" in page and "0**********5" in page
    services.verify(household, official)
    household.refresh_from_db()
    assert household.status == VerificationStatus.VERIFIED


def test_the_citizen_id_may_come_from_userinfo(client, farmer, household, provider):
    provider.id_claim_in_userinfo_only = True
    client.force_login(farmer)

    come_back(client, *sign_in_at_provider(client, household))

    assert IdentityCheck.objects.get(producer=household).citizen_id == "082195012345"


@pytest.mark.parametrize("trouble", ["refuse", "forge", "wrong_nonce"])
def test_an_answer_that_cannot_be_trusted_records_nothing(
    client, farmer, household, provider, trouble
):
    setattr(provider, trouble, True)
    client.force_login(farmer)

    response, page = come_back(client, *sign_in_at_provider(client, household))

    assert response.status_code == 200 and "alert--error" in page
    assert not IdentityCheck.objects.exists()


def test_a_replayed_answer_is_refused(client, farmer, household, provider):
    client.force_login(farmer)
    path, answer = sign_in_at_provider(client, household)
    come_back(client, path, answer)

    response, page = come_back(client, path, answer)  # the same code and state again

    assert "không thuộc lần xác thực" in page
    assert IdentityCheck.objects.count() == 1


def test_an_answer_with_another_state_is_refused(client, farmer, household, provider):
    client.force_login(farmer)
    path, answer = sign_in_at_provider(client, household)

    come_back(client, path, {**answer, "state": "gia-mao"})

    assert not IdentityCheck.objects.exists()


def test_an_expired_code_is_refused_by_the_provider(client, farmer, household, provider):
    client.force_login(farmer)
    path, answer = sign_in_at_provider(client, household)
    issued = provider.now()
    provider.now = lambda: issued + CODE_LIFETIME + 1

    response, page = come_back(client, path, answer)

    assert "không chấp nhận" in page
    assert not IdentityCheck.objects.exists()


def test_a_hung_provider_gives_a_clear_message_quickly(client, farmer, household, provider):
    client.force_login(farmer)
    provider.delay = 3  # longer than GATEWAY_TIMEOUT

    response = client.post(f"/cua-toi/nha-san-xuat/{household.pk}/danh-tinh/vneid/", follow=True)

    assert "Hiện không kết nối được dịch vụ định danh" in response.content.decode()
    provider.delay = 0


def test_a_stranger_cannot_start_a_check_for_someone_elses_farm(client, buyer, household, provider):
    client.force_login(buyer)

    assert client.post(f"/cua-toi/nha-san-xuat/{household.pk}/danh-tinh/vneid/").status_code == 404
