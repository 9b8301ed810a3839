"""The operating regulations and the privacy notice at their fixed addresses, linked from
every page's footer: the shipped text until the operator publishes its own version."""

import datetime

import pytest
from django.utils import timezone

from marketplace.models import PolicyPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url, title", [("/quy-che/", "Quy chế hoạt động sàn"),
                                        ("/chinh-sach-du-lieu/", "Chính sách dữ liệu")])  # fmt: skip
def test_the_shipped_text_is_served_at_the_fixed_address(client, url, title):
    page = client.get(url).content.decode()

    assert f"<h1>{title}</h1>" in page


@pytest.mark.parametrize("url", ["/", "/tim-kiem/?q=xoai", "/quy-che/"])
def test_every_page_links_both_from_its_footer(client, demo_site, url):
    footer = client.get(url).content.decode().split('<footer class="site-footer">')[1]

    assert 'href="/quy-che/"' in footer and 'href="/chinh-sach-du-lieu/"' in footer


def test_the_operators_published_version_replaces_it_once_in_force(client, demo_site):
    today = timezone.localdate()
    later = PolicyPage(title="Quy chế 2027", slug="quy-che-2027", kind="regulations",
                       version="2027-01", effective_on=today + datetime.timedelta(days=30))  # fmt: skip
    demo_site.add_child(instance=later)
    assert "Quy chế 2027" not in client.get("/quy-che/").content.decode()

    now = PolicyPage(title="Quy chế của tỉnh", slug="quy-che-tinh", kind="regulations",
                     version="2026-12b", effective_on=today)  # fmt: skip
    demo_site.add_child(instance=now)
    page = client.get("/quy-che/").content.decode()
    assert "Quy chế của tỉnh" in page and "2026-12b" in page
