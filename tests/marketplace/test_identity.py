"""The marketplace's name and province come from a setting the operator edits in the admin."""

import pytest

from marketplace.models import MarketplaceIdentity

pytestmark = pytest.mark.django_db


def header_and_title(client, url="/ban-hang/"):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    header = html[html.index('class="site-header__brand"') :][:200]
    title = html[html.index("<title>") : html.index("</title>")]
    return header, title


def test_a_fresh_install_names_the_configured_province(client):
    header, title = header_and_title(client)

    assert "Chợ Nông Sản <small>Đồng Tháp</small>" in header
    assert title.endswith("· Chợ Nông Sản")
    assert client.get("/manifest.webmanifest").json()["name"] == "Chợ Nông Sản Đồng Tháp"


def test_the_operator_renames_the_marketplace_in_the_admin(client, admin_user):
    client.force_login(admin_user)

    edit_url = client.get("/admin/settings/marketplace/marketplaceidentity/")["Location"]
    response = client.post(
        edit_url,
        {"name": "Sàn Nông Sản", "province": "Vĩnh Long", "agency": "Sở Công Thương Vĩnh Long"},
    )

    assert response.status_code == 302
    client.logout()
    header, title = header_and_title(client)
    assert "Sàn Nông Sản <small>Vĩnh Long</small>" in header
    assert title == "<title>Bán hàng trên Sàn Nông Sản · Sàn Nông Sản"
    assert "Chợ Nông Sản" not in client.get("/ban-hang/").content.decode()
    assert client.get("/manifest.webmanifest").json()["short_name"] == "Sàn Nông Sản"
    assert MarketplaceIdentity.load().agency_name == "Sở Công Thương Vĩnh Long"
