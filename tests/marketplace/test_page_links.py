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


def _json_ld(html, kind):
    import json
    import re

    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    return next(data for data in map(json.loads, blocks) if data["@type"] == kind)


def test_home_category_and_commune_pages_share_the_first_photo_large(
    client, demo_site, settings, cai_be
):
    """Issue 22, item 23: a link on Zalo showed no picture for these pages."""
    from wagtail.images import get_image_model

    from catalog.models import Category
    from tests.factories import ProductFactory
    from tests.photos import jpeg

    mango = Category.objects.get(slug="xoai")
    ProductFactory(name="Xoài cát Hòa Lộc", category=mango, origin_commune=cai_be, photos=0)
    with_photo = ProductFactory(name="Xoài cát chu", category=mango, origin_commune=cai_be)
    ProductFactory(name="Xoài không ảnh", category=mango, origin_commune=cai_be, photos=0)  # newest
    photo = with_photo.photos.get()
    photo.image = get_image_model().objects.create(title="xoài", file=jpeg(1600, 1200))
    photo.save()

    for path in ("/", mango.get_absolute_url(), f"/xa/{cai_be.slug}/"):
        html = client.get(path).content.decode()
        assert f'<meta property="og:image" content="{settings.SITE_URL}/media/images/' in html, path
        assert '<meta property="og:image:width" content="1200">' in html, path
        assert '<meta property="og:image:height" content="630">' in html, path
        assert '<meta name="twitter:card" content="summary_large_image">' in html, path

    category = client.get(mango.get_absolute_url()).content.decode()
    commune = client.get(f"/xa/{cai_be.slug}/").content.decode()
    assert (
        'name="description" content="Xoài từ các nhà vườn, hợp tác xã của tỉnh: 3 sản phẩm'
        in category
    )
    assert 'name="description" content="Sản phẩm từ Xã Cái Bè: 3 sản phẩm đang bán' in commune


def test_a_page_with_no_photo_to_share_says_so_to_link_previews(client, demo_site):
    html = client.get("/xa/").content.decode()

    assert 'property="og:image"' not in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_category_and_commune_pages_carry_their_breadcrumbs_as_data(client, settings, cai_be):
    from catalog.models import Category

    fruit = Category.objects.get(slug="xoai").get_parent()
    trail = _json_ld(client.get("/danh-muc/xoai/").content.decode(), "BreadcrumbList")
    assert [
        (step["position"], step["name"], step["item"]) for step in trail["itemListElement"]
    ] == [
        (1, "Trang chủ", f"{settings.SITE_URL}/"),
        (2, fruit.name, f"{settings.SITE_URL}{fruit.get_absolute_url()}"),
        (3, "Xoài", f"{settings.SITE_URL}/danh-muc/xoai/"),
    ]

    trail = _json_ld(client.get(f"/xa/{cai_be.slug}/").content.decode(), "BreadcrumbList")
    assert [step["name"] for step in trail["itemListElement"]] == ["Trang chủ", "Xã Cái Bè"]
    assert trail["itemListElement"][-1]["item"] == f"{settings.SITE_URL}/xa/{cai_be.slug}/"
