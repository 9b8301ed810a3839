"""Issue 22, item 23 (part): every public page tells link previews and search engines its
canonical address, its other language, the locale and a description."""

import pytest

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/xa/", "/thong-ke/", "/ban-hang/", "/tim-kiem/?q=xoai"]


@pytest.mark.parametrize("path", PUBLIC)
def test_each_public_page_has_its_links_and_a_description(client, demo_site, settings, path):
    html = client.get(path).content.decode()
    bare = path.split("?")[0]

    assert f'<link rel="canonical" href="{settings.SITE_URL}{bare}">' in html
    assert f'hreflang="en" href="{settings.SITE_URL}/en{bare}"' in html
    assert f'hreflang="vi" href="{settings.SITE_URL}{bare}"' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert '<meta name="description" content="' in html
    assert html.count('name="description"') == 1


def test_the_english_pages_say_en_us(client, demo_site):
    html = client.get("/en/xa/").content.decode()

    assert '<meta property="og:locale" content="en_US">' in html


def test_the_product_page_describes_the_product(client, settings):
    from tests.factories import ProductFactory

    product = ProductFactory(name="Xoài cát Hòa Lộc", price_vnd=85_000)

    html = client.get(product.get_absolute_url()).content.decode()

    assert 'name="description" content="Xoài cát Hòa Lộc · 85.000' in html
    assert html.count('name="description"') == 1
