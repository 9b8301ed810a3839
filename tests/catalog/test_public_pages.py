import pytest
from django.core.exceptions import PermissionDenied

from catalog import services
from catalog.models import ListingReport
from tests.factories import ProducerFactory, ProductFactory, relist
from tests.html import json_ld
from tests.queries import queries_to_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def mango(farm):
    product = ProductFactory(
        producer=farm,
        name="Xoài cát Hòa Lộc",
        slug="xoai-cat-hoa-loc",
        origin_commune=farm.commune,
        photos=2,
    )
    product.harvest_months = [3, 4, 5]
    product.save()
    return product


def test_the_product_page_shows_price_producer_and_gallery(client, mango, settings):
    response = client.get("/san-pham/xoai-cat-hoa-loc/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "150.000\u00a0₫/kg" in html
    assert "Bán theo từng 0,5 kg" in html
    assert "Vườn xoài Út Ba" in html
    assert html.count("<picture") == 2
    assert f'<link rel="canonical" href="{settings.SITE_URL}/san-pham/xoai-cat-hoa-loc/">' in html
    assert '<meta property="og:image"' in html


def test_the_product_page_in_english_names_months_category_and_quantities_the_english_way(
    client, mango
):
    vietnamese = client.get("/san-pham/xoai-cat-hoa-loc/").content.decode()
    english = client.get("/en/san-pham/xoai-cat-hoa-loc/").content.decode()

    assert "Tháng 3, Tháng 4, Tháng 5" in vietnamese
    assert "March, April, May" in english and "month 3" not in english
    assert "Sold in steps of 0.5 kg" in english and "0,5" not in english
    assert f">{mango.category.name_en}</a>" in english


def test_the_product_is_described_for_search_engines(client, mango):
    html = client.get(mango.get_absolute_url()).content.decode()

    data = json_ld(html)
    assert data["@type"] == "Product"
    assert data["offers"]["price"] == 150_000
    assert data["offers"]["priceCurrency"] == "VND"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


@pytest.mark.parametrize(
    "change",
    [
        {"status": "draft"},
        {"status": "delisted"},
        {"is_hidden": True},
    ],
)
def test_unlisted_products_answer_404_but_their_owner_sees_a_preview(client, farmer, mango, change):
    for field, value in change.items():
        setattr(mango, field, value)
    mango.save()
    relist(mango)

    assert client.get(mango.get_absolute_url()).status_code == 404
    client.force_login(farmer)
    response = client.get(mango.get_absolute_url())
    assert response.status_code == 200
    assert "Xem trước" in response.content.decode()


def test_products_of_an_unverified_producer_are_not_public(client, cai_be):
    product = ProductFactory(producer=ProducerFactory(status="submitted", commune=cai_be))

    assert client.get(product.get_absolute_url()).status_code == 404


def test_a_category_page_lists_its_subcategories_products(client, mango):
    response = client.get("/danh-muc/trai-cay/")

    assert response.status_code == 200
    assert "Xoài cát Hòa Lộc" in response.content.decode()


@pytest.mark.parametrize("sort, first", [("price_asc", "Xoài cát chu"), ("price_desc", "Xoài cát Hòa Lộc"),
                                         ("newest", "Xoài cát chu"), ("1e400", "Xoài cát chu")])  # fmt: skip
def test_category_pages_sort_by_price_or_newest(client, mango, farm, sort, first):
    mango.price_vnd = 120_000
    mango.save()
    ProductFactory(producer=farm, name="Xoài cát chu", category=mango.category, price_vnd=60_000)

    html = client.get("/danh-muc/trai-cay/", {"sort": sort}).content.decode()

    names = [name for name in ("Xoài cát Hòa Lộc", "Xoài cát chu") if name in html]
    assert sorted(names, key=html.index)[0] == first  # an unknown sort: the newest first
    assert "Giá: thấp đến cao" in html


def test_the_commune_directory_groups_communes_by_former_district_with_counts(client, mango):
    html = client.get("/xa/").content.decode()

    assert "Huyện Cái Bè" in html
    assert (
        f'href="/xa/{mango.origin_commune.slug}/">Xã Cái Bè</a> <span class="meta">(1)</span>'
        in html
    )
    assert html.index("Huyện Cái Bè") < html.index("Xã Cái Bè")
    assert html.rindex("Huyện") < html.index("Các xã, phường khác")  # those without one last


def test_a_commune_page_lists_products_from_there(client, mango):
    response = client.get(f"/xa/{mango.origin_commune.slug}/")

    assert "Xoài cát Hòa Lộc" in response.content.decode()
    assert "Trước đây thuộc Huyện Cái Bè" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/danh-muc/trai-cay/"])
def test_listing_pages_need_the_same_queries_for_few_or_many_products(
    client, demo_site, farm, url, django_assert_max_num_queries
):
    def add_products(count):
        for _ in range(count):
            product = ProductFactory(producer=farm, featured=True)
            product.harvest_months = list(range(1, 13))
            product.save()
        client.get(url)  # renditions are made on the first view

    add_products(2)
    with_few = queries_to_get(client, url)
    add_products(22)

    with django_assert_max_num_queries(with_few):
        response = client.get(url)

    assert response.status_code == 200


def test_the_home_page_shows_products_in_season(client, demo_site, mango, settings):
    from django.utils import timezone

    mango.harvest_months = [timezone.localdate().month]
    mango.save()

    html = client.get("/").content.decode()

    assert "Đang vào mùa" in html
    assert "Xoài cát Hòa Lộc" in html


def test_the_sitemap_lists_products_and_producers(client, mango):
    assert "/san-pham/xoai-cat-hoa-loc/" in client.get("/sitemap-products.xml").content.decode()
    assert (
        mango.producer.get_absolute_url() in client.get("/sitemap-producers.xml").content.decode()
    )


def test_the_traceability_label_is_a_png(client, mango):
    response = client.get("/san-pham/xoai-cat-hoa-loc/nhan.png")

    assert response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_label_wraps_a_long_name_instead_of_cutting_it(mango):
    from PIL import Image, ImageDraw

    from catalog import labels

    mango.name = "Xoài cát Hòa Lộc loại 1 hộp quà biếu Tết, trái to đều, chín cây, giao tận nhà"
    mango.producer.display_name = "Hợp tác xã Nông nghiệp Dịch vụ Xoài cát Hòa Lộc Hòa Hưng"
    draw = ImageDraw.Draw(Image.new("RGB", (labels.WIDTH, labels.HEIGHT)))
    width = 460

    placed = labels.layout(draw, mango, width, labels.HEIGHT)

    texts = [text for text, _font, _y in placed]
    assert " ".join(texts).startswith(mango.name + " 150.000")  # every word, no "…"
    assert mango.producer.display_name in " ".join(texts)
    assert all(draw.textlength(text, font=font) <= width for text, font, _y in placed)
    last_text, last_font, last_y = placed[-1]
    assert last_y + last_font.size <= labels.HEIGHT - labels.MARGIN


def test_a_buyer_reports_a_listing_and_an_official_hides_it(client, mango, official, farm):
    client.post(
        "/san-pham/xoai-cat-hoa-loc/bao-cao/", {"reason": "quality", "details": "Xoài bị dập"}
    )
    report = ListingReport.objects.get()
    assert report.reason == "quality"

    client.force_login(official)
    response = client.post(
        f"/admin/products/moderate/{mango.pk}/", {"action": "hide", "reason": "Ảnh không đúng"}
    )

    assert response.status_code == 302
    mango.refresh_from_db()
    report.refresh_from_db()
    assert mango.is_hidden and report.resolved_at is not None
    assert "Ảnh không đúng" in farm.notices.get().message
    client.logout()
    assert client.get(mango.get_absolute_url()).status_code == 404


def test_hiding_needs_a_reason(mango, official):
    with pytest.raises(Exception, match="lý do"):
        services.hide_product(mango, official, "")


def test_farmers_cannot_hide_listings(client, farmer, mango, official):
    url = f"/admin/products/moderate/{mango.pk}/"
    client.force_login(farmer)

    response = client.post(url, {"action": "hide", "reason": "x"})

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    mango.refresh_from_db()
    assert not mango.is_hidden
    client.force_login(official)  # the same request from an official does hide it: the URL is right
    client.post(url, {"action": "hide", "reason": "x"})
    mango.refresh_from_db()
    assert mango.is_hidden


def test_an_official_restores_a_hidden_listing_from_the_admin(client, mango, official, farm):
    services.hide_product(mango, official, "Ảnh không đúng")
    client.force_login(official)
    inspect = client.get(f"/admin/products/inspect/{mango.pk}/").content.decode()
    assert 'value="restore"' in inspect

    response = client.post(f"/admin/products/moderate/{mango.pk}/", {"action": "restore"})

    assert response.status_code == 302 and response["Location"] == "/admin/products/"
    mango.refresh_from_db()
    assert not mango.is_hidden and mango.is_listed
    assert "hiển thị lại" in farm.notices.latest("created_at").message
    client.logout()
    assert client.get(mango.get_absolute_url()).status_code == 200


def test_restoring_is_for_moderators_only(mango, official, farmer):
    services.hide_product(mango, official, "Ảnh không đúng")

    with pytest.raises(PermissionDenied):
        services.restore_product(mango, farmer)

    mango.refresh_from_db()
    assert mango.is_hidden


def test_a_name_cannot_close_the_structured_data_script(client, farm):
    product = ProductFactory(producer=farm, name="Xoài </script><script>alert(1)</script>")

    html = client.get(product.get_absolute_url()).content.decode()

    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["name"] == "Xoài </script><script>alert(1)</script>"


def test_a_product_harvested_every_month_says_all_year_round(client, mango):
    """Issue 22, item 7: twelve month names in a row instead of "Quanh năm"."""
    mango.harvest_months = list(range(1, 13))
    mango.save()

    html = client.get("/san-pham/xoai-cat-hoa-loc/").content.decode()

    assert "Mùa thu hoạch: quanh năm" in html


def test_only_the_cards_after_the_first_wait_to_load(client, farm):
    """Issue 22, item 23: the first card's photo is the page's largest paint on a phone."""
    category = None
    for number in range(3):
        product = ProductFactory(producer=farm, photos=1, name=f"Xoài {number}")
        category = product.category

    html = client.get(category.get_absolute_url()).content.decode()

    images = html.split('class="product-grid"', 1)[1].split("<img")[1:]
    assert 'loading="lazy"' not in images[0] and 'fetchpriority="high"' in images[0]
    assert all('loading="lazy"' in image for image in images[1:])


def test_the_product_page_carries_its_breadcrumbs_description_and_sku_as_data(
    client, mango, settings
):
    """Issue 22, item 23: BreadcrumbList like the visible breadcrumbs; description, sku."""
    import json
    import re

    html = client.get("/san-pham/xoai-cat-hoa-loc/").content.decode()

    blocks = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    product = next(block for block in blocks if block["@type"] == "Product")
    trail = next(block for block in blocks if block["@type"] == "BreadcrumbList")
    assert product["sku"] == str(mango.pk)
    names = [step["name"] for step in trail["itemListElement"]]
    assert names[0] == "Trang chủ" and names[-1] == "Xoài cát Hòa Lộc"
    assert trail["itemListElement"][-1]["item"] == f"{settings.SITE_URL}/san-pham/xoai-cat-hoa-loc/"
