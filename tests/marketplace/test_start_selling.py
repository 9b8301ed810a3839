"""A farmer finds how to start selling from the home page and the header."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_home_page_and_header_lead_to_sign_up(client, demo_site):
    home = client.get("/").content.decode()
    assert home.count('href="/ban-hang/"') == 2  # the header and the home page

    page = client.get("/ban-hang/")

    content = page.content.decode()
    assert page.status_code == 200 and "Bán hàng trên Chợ Nông Sản" in content
    assert 'href="/dang-ky/"' in content and "Tổ công nghệ số cộng đồng" in content


def test_signed_in_users_are_not_asked_to_sign_up(client, demo_site, farmer):
    client.force_login(farmer)

    assert 'href="/ban-hang/"' not in client.get("/").content.decode()
    assert 'href="/cua-toi/"' in client.get("/ban-hang/").content.decode()
