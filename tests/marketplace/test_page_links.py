"""Issue 22, item 23 (part): every public page tells link previews and search engines its
canonical address, its other language, the locale and a description."""

import pytest

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/xa/", "/thong-ke/", "/ban-hang/", "/du-lieu-mo/", "/tim-kiem/?q=xoai"]


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


def test_a_category_and_a_producer_page_have_one_canonical_link(client, settings):
    """Their own Host-based canonical stood beside the shared one."""
    from tests.factories import ProductFactory

    product = ProductFactory(name="Xoài cát Hòa Lộc", photos=1)

    for page in (product.category.get_absolute_url(), product.producer.get_absolute_url()):
        html = client.get(page).content.decode()
        assert html.count('rel="canonical"') == 1, page
        assert f'<link rel="canonical" href="{settings.SITE_URL}{page}">' in html


def test_a_producer_page_shares_a_picture_and_a_description(client, settings):
    import json
    import re

    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from tests.factories import ProducerFactory

    producer = ProducerFactory(display_name="Vườn Tư Lợi", main_products="Sầu riêng Ri6")
    producer.logo = get_image_model().objects.create(title="logo", file=get_test_image_file())
    producer.save()

    html = client.get(producer.get_absolute_url()).content.decode()

    assert f'<meta property="og:image" content="{settings.SITE_URL}/' in html
    assert 'name="description" content="Vườn Tư Lợi · Sầu riêng Ri6' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])
    assert data["image"].startswith(settings.SITE_URL)
