import pytest

from tests.orders.conftest import farm, mango, other_farm, pomelo  # noqa: F401 (fixtures)

from . import fake_gateways


@pytest.fixture
def gateway(settings):
    """The real eSMS and ZNS clients, talking to the loopback fake of their protocols."""
    fake = fake_gateways.Gateway()
    server = fake_gateways.start(fake)
    base = f"http://127.0.0.1:{server.server_port}"
    settings.SMS_BACKEND = "notifications.gateways.esms.EsmsBackend"
    settings.ESMS_URL, settings.ESMS_BRANDNAME = f"{base}/esms/", fake.brandname
    settings.ESMS_API_KEY, settings.ESMS_SECRET_KEY = fake.api_key, fake.secret_key
    settings.ZALO_BACKEND = "notifications.gateways.zalo.ZnsBackend"
    settings.ZALO_ZNS_URL, settings.ZALO_OAUTH_URL = f"{base}/zns/", f"{base}/oauth/"
    settings.ZALO_APP_ID, settings.ZALO_APP_SECRET = fake.app_id, fake.app_secret
    settings.ZALO_ACCESS_TOKEN, settings.ZALO_REFRESH_TOKEN = fake.access_token, fake.refresh_token
    settings.ZALO_TEMPLATES = {"producer_notice": "301001", "buyer_order": "301002"}
    settings.GATEWAY_TIMEOUT = 2
    yield fake
    server.shutdown()
    server.server_close()
