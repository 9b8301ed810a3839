"""Public pages kept for visitors without a session (issue 29): no cookie, a validator and
304, compressed; the same bytes for every anonymous visitor; never a personal page; and
every kind of change purges the pages that show it (each test fails when its purge is
removed: the change is made through the service a person uses, after the pages were
kept)."""

import gzip
from decimal import Decimal

import pytest
from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.shortcuts import render
from django.test import Client
from wagtail.models import Page

from catalog import services as catalog_services
from catalog.models import Category
from marketplace import page_cache
from marketplace.models import MarketplaceIdentity
from orders.cart import CartLine
from orders.services import place_order
from producers import changes as producer_changes
from tests.factories import ProducerFactory, ProductFactory
from tests.photos import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_pages(settings):
    """The page cache on; the database answers searches (the index is not the point)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): change` runs what the change left for its commit (the purges),
    as the commit of a real request would; a test's transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def farm(farmer, cai_be):
    return ProducerFactory(display_name="Vườn xoài Út Ba", owner=farmer, commune=cai_be)


@pytest.fixture
def mango(farm, cai_be):
    return ProductFactory(producer=farm, name="Xoài cát Hòa Lộc", slug="xoai-cat-hoa-loc",
                          origin_commune=cai_be, price_vnd=150_000, stock_quantity=Decimal("5"),
                          min_order_quantity=Decimal("1"))  # fmt: skip


@pytest.fixture
def pages(mango, demo_site):
    """Every kept page that shows the mango, as a stranger sees it."""
    return {
        "product": mango.get_absolute_url(),
        "category": mango.category.get_absolute_url(),
        "parent category": mango.category.get_parent().get_absolute_url(),
        "commune": f"/xa/{mango.origin_commune.slug}/",
        "producer": mango.producer.get_absolute_url(),
        "home": "/",
        "search": "/tim-kiem/?q=xoai",
        "search API": "/api/v1/products/search?q=xoai",
        "sitemap": "/sitemap-products.xml",
    }


def kept(url, client=None):
    """The page, and whether it came from the cache."""
    response = (client or Client()).get(url)
    assert response.status_code == 200, url
    return response.content.decode(), response.get("X-Page-Cache")


def buy(product, quantity, commune):
    place_order([CartLine(product, Decimal(quantity), product.price_vnd)], buyer_name="Lê Thị Mai",
                buyer_phone="+84903123456", commune=commune, address="12 Ấp Bắc")  # fmt: skip


def keep_all(urls):
    for url in urls:
        kept(url)
        assert kept(url)[1] == "hit", url


def test_a_public_page_sets_no_cookie_is_revalidated_and_compressed(pages, farm):
    ProductFactory.create_batch(30, producer=farm)  # a sitemap worth compressing
    for name, url in pages.items():
        first = Client().get(url, headers={"accept-encoding": "gzip"})
        assert first.status_code == 200, name
        assert not first.cookies, name
        assert first["Cache-Control"] == "public, max-age=0, must-revalidate", name
        assert first.get("Content-Encoding") == "gzip", name
        assert Client().get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
        assert kept(url)[1] == "hit", name
    sitemap = Client().get(pages["sitemap"], headers={"accept-encoding": "gzip"})
    assert gzip.decompress(sitemap.content).count(b"<loc>") == 31


def test_two_strangers_get_the_same_bytes_and_the_language_is_a_link(pages):
    for url in pages.values():
        first, second = Client().get(url), Client().get(url, HTTP_USER_AGENT="Zalo")
        assert first.content == second.content, url
        assert "csrfmiddlewaretoken" not in first.content.decode(), url
    assert 'href="/en/san-pham/xoai-cat-hoa-loc/"' in kept(pages["product"])[0]


def test_a_signed_in_visitor_never_gets_nor_leaves_a_kept_page(pages, mango, buyer):
    keep_all([pages["product"]])
    signed_in = Client()
    signed_in.force_login(buyer)
    response = signed_in.get(pages["product"])
    assert response.get("X-Page-Cache") is None
    assert "private" in response["Cache-Control"]
    assert 'href="/cua-toi/"' in response.content.decode()
    assert page_cache.GUEST_COOKIE not in signed_in.cookies
    assert kept(pages["product"]) == (kept(pages["product"])[0], "hit")
    assert 'href="/cua-toi/"' not in kept(pages["product"])[0]


def test_signing_in_ends_the_guest_marker(pages, mango, buyer):
    guest = Client()
    guest.post("/gio-hang/cap-nhat/", {"product": mango.pk, "quantity": "1"})
    assert guest.cookies[page_cache.GUEST_COOKIE].value == "1"
    guest.post("/dang-nhap/", {"username": buyer.username, "password": "mat-khau-123"})
    assert guest.get("/").wsgi_request.user == buyer
    assert not guest.cookies[page_cache.GUEST_COOKIE].value  # deleted
    response = guest.get(pages["product"])
    assert response.get("X-Page-Cache") is None and 'href="/cua-toi/"' in response.content.decode()


def test_a_visitor_with_only_a_cart_gets_the_kept_page_and_the_count_in_a_cookie(pages, mango):
    keep_all([pages["product"]])
    with_cart = Client()
    with_cart.post("/gio-hang/cap-nhat/", {"product": mango.pk, "quantity": "1"}, follow=True)
    assert with_cart.cookies["cart_count"].value == "1"
    response = with_cart.get(pages["product"])
    assert response["X-Page-Cache"] == "hit"
    assert response.content.decode() == kept(pages["product"])[0]
    assert "<span data-cart-count></span>" in response.content.decode()
    assert "Xoài cát Hòa Lộc" in with_cart.get("/gio-hang/").content.decode()  # still theirs
    with_cart.post("/gio-hang/cap-nhat/", {"product": mango.pk, "remove": "1"})
    assert not with_cart.cookies["cart_count"].value


def test_a_page_drawn_for_a_visitor_with_a_cart_is_kept_for_everyone_without_cookie_in_vary(
    pages, mango
):
    with_cart = Client()
    with_cart.post("/gio-hang/cap-nhat/", {"product": mango.pk, "quantity": "1"}, follow=True)
    drawn = with_cart.get(pages["category"])
    assert drawn["X-Page-Cache"] == "miss"
    assert drawn["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "cookie" not in drawn.get("Vary", "").lower()
    assert kept(pages["category"]) == (drawn.content.decode(), "hit")


def test_a_message_kept_in_the_session_is_shown_once_and_its_page_never_kept(
    pages, mango, settings
):
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    with_cart = Client()
    form = {"product": mango.pk, "quantity": "1", "next": pages["product"]}
    assert "messages" not in with_cart.post("/gio-hang/cap-nhat/", form).cookies
    shown = with_cart.get(pages["product"])
    assert "Đã thêm" in shown.content.decode()
    assert shown.get("X-Page-Cache") is None and "private" in shown["Cache-Control"]
    assert "Đã thêm" not in kept(pages["product"])[0]


def test_a_message_shown_by_the_page_that_added_it_is_never_kept(rf):
    """No cookie records a message added and shown in one request: only the storage knows."""

    def view(request):
        messages.info(request, "Chỉ dành cho bạn")
        return page_cache.tag(render(request, "includes/messages.html"), "product:1")

    draw = page_cache.PageCacheMiddleware(SessionMiddleware(MessageMiddleware(view)))
    response = draw(rf.get("/san-pham/mot/"))
    assert "Chỉ dành cho bạn" in response.content.decode()
    assert not response.cookies and response.get("X-Page-Cache") is None


def test_the_add_to_cart_form_works_without_a_token_from_this_site_only(mango):
    strict = Client(enforce_csrf_checks=True)

    def status(**headers):
        form = {"product": mango.pk, "quantity": "1"}
        return strict.post("/gio-hang/cap-nhat/", form, headers=headers).status_code

    assert status() == 403  # no origin at all
    assert status(origin="https://ke-gian.example") == 403
    assert status(**{"sec-fetch-site": "cross-site"}) == 403
    assert status(origin="http://testserver") == 302
    assert status(referer="http://testserver/san-pham/x/") == 302
    assert strict.cookies["cart_count"].value == "1"


def test_a_new_price_reaches_every_page_showing_the_product(pages, mango, farmer, committed):
    keep_all(pages.values())
    with committed():
        catalog_services.quick_update(mango, farmer, price_vnd=99_000)
    for name, url in pages.items():
        html, source = kept(url)
        assert source == "miss", name
        assert name == "sitemap" or "99.000" in html or "99000" in html, name


def test_a_new_price_leaves_the_pages_that_do_not_show_the_product(
    pages, mango, farm, farmer, committed
):
    """Only the pages showing a product, or listing it by price, are drawn again: the home
    page and the search of another product stay kept."""
    ProductFactory.create_batch(8, producer=farm, name="Bưởi da xanh")  # newer: the home page
    keep_all(["/", "/tim-kiem/?q=buoi", pages["category"], pages["category"] + "?sort=price_asc"])
    assert f'href="{pages["product"]}"' not in kept("/")[0]
    with committed():
        catalog_services.quick_update(mango, farmer, price_vnd=99_000)
    assert kept("/")[1] == "hit"
    assert kept("/tim-kiem/?q=buoi")[1] == "hit"
    for url in (pages["product"], pages["category"], pages["category"] + "?sort=price_asc"):
        assert "99.000" in kept(url)[0], url


def test_an_edit_moving_a_product_purges_the_list_it_left(mango, farm, farmer, committed):
    """The first page of the mango's old category does not show it (24 newer) but counts it."""
    ProductFactory.create_batch(24, producer=farm, category=mango.category)
    old = mango.category.get_absolute_url()
    keep_all([old])
    assert (
        "25 sản phẩm" in kept(old)[0] and f'href="{mango.get_absolute_url()}"' not in kept(old)[0]
    )
    mango.category = Category.objects.get(slug="buoi")
    with committed():
        catalog_services.save_product(mango, farmer)
    assert "24 sản phẩm" in kept(old)[0]


def test_a_hidden_listing_leaves_every_kept_page(pages, mango, official, committed):
    keep_all(pages.values())
    with committed():
        catalog_services.hide_product(mango, official, "Ảnh sai sự thật")
    assert Client().get(pages["product"]).status_code == 404
    for name in ("category", "parent category", "commune", "producer", "home", "search", "sitemap"):
        assert "/san-pham/xoai-cat-hoa-loc/" not in kept(pages[name])[0], name


def test_selling_out_reaches_the_product_and_its_lists(pages, mango, cai_be, committed):
    keep_all([pages["product"], pages["category"]])
    with committed():
        buy(mango, "5", cai_be)
    assert "Hết hàng" in kept(pages["product"])[0]
    assert kept(pages["category"])[1] == "miss"


def test_an_order_that_does_not_sell_out_keeps_the_pages(pages, mango, cai_be, committed):
    keep_all([pages["product"], pages["home"]])
    with committed():
        buy(mango, "1", cai_be)
    assert kept(pages["product"])[1] == "hit" and kept(pages["home"])[1] == "hit"


def test_a_new_photo_reaches_the_product_page(pages, mango, farmer, committed):
    keep_all([pages["product"]])
    before = kept(pages["product"])[0].count("<picture")
    with committed():
        catalog_services.add_photos(mango, farmer, [jpeg(name="moi.jpg")])
    html, source = kept(pages["product"])
    assert source == "miss" and html.count("<picture") == before + 1


def test_a_producer_with_no_listing_yet_is_purged_by_its_own_change(
    other_farmer, official, cai_be, committed
):
    empty = ProducerFactory(display_name="HTX Bưởi Tân Triều", owner=other_farmer, commune=cai_be)
    keep_all([empty.get_absolute_url()])
    with committed():
        producer_changes.request_change(empty, other_farmer, {"display_name": "HTX Bưởi Mới"})
        producer_changes.approve_changes(empty, official)
    assert "HTX Bưởi Mới" in kept(empty.get_absolute_url())[0]


def test_a_producer_change_reaches_its_products_pages(pages, mango, farmer, official, committed):
    keep_all([pages["product"], pages["category"]])
    with committed():
        producer_changes.request_change(
            mango.producer, farmer, {"display_name": "Vườn Út Ba Cái Bè"}
        )
        producer_changes.approve_changes(mango.producer, official)
    assert "Vườn Út Ba Cái Bè" in kept(pages["product"])[0]
    assert "Vườn Út Ba Cái Bè" in kept(pages["category"])[0]


def test_publishing_a_page_a_setting_or_a_category_purges_every_page(pages, committed):
    keep_all([pages["product"], pages["home"]])
    about = Page.objects.get(slug="gioi-thieu").specific
    about.title_en, about.title = "About us", "Về chúng tôi"
    with committed():
        about.save_revision().publish()
    assert "Về chúng tôi" in kept(pages["product"])[0]  # the main menu

    keep_all([pages["product"]])
    identity = MarketplaceIdentity.load()
    identity.name = "Chợ Quê Đồng Tháp"
    with committed():
        identity.save()
    assert "Chợ Quê Đồng Tháp" in kept(pages["product"])[0]

    keep_all([pages["product"]])
    category = Category.objects.get(slug="xoai")
    category.name = "Xoài các loại"
    with committed():
        category.save()
    assert "Xoài các loại" in kept(pages["product"])[0]  # its breadcrumbs


def test_a_page_drawn_while_a_purge_ran_is_not_kept(rf, mango):
    request = rf.get(mango.get_absolute_url())
    response = page_cache.tag(Client().get(mango.get_absolute_url()), "product:1")
    _, sequence = page_cache.lookup(request)
    page_cache._purge_now({"product:2"})  # another product, while this page was drawn
    assert page_cache.store(request, response, sequence) is False
    _, sequence = page_cache.lookup(request)
    assert page_cache.store(request, response, sequence) is True
    assert page_cache.lookup(request)[0] is not None
    page_cache._purge_now({"product:1"})
    assert page_cache.lookup(request)[0] is None


@pytest.fixture
def front_cache(settings):
    """A server taking PURGE as Varnish's xkey module does; it records the tags named."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    purged = []

    class Varnish(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (the method's name)
            purged.append(set(self.headers["xkey"].split()))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Varnish)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.FRONT_CACHE_URLS = [f"http://127.0.0.1:{server.server_port}/"]
    settings.FRONT_CACHE_PURGE_AGAIN_SECONDS = 0.2
    yield purged
    server.shutdown()


def test_a_kept_page_tells_the_front_cache_its_tags_and_lifetime(pages, mango, front_cache):
    first = Client().get(pages["product"])
    assert set(first["xkey"].split()) >= {f"product:{mango.pk}", "site"}
    assert first["Surrogate-Control"] == "max-age=600"
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"  # browsers
    again = Client().get(pages["product"])  # from the app's own cache
    assert again["X-Page-Cache"] == "hit" and again["xkey"] == first["xkey"]
    search = Client().get(pages["search"])
    assert search["Surrogate-Control"] == f"max-age={page_cache.SEARCH_SECONDS}"


def test_a_personal_page_or_one_drawn_during_a_purge_is_not_for_the_front_cache(
    rf, pages, buyer, front_cache, monkeypatch
):
    client = Client()
    client.force_login(buyer)
    assert "xkey" not in client.get(pages["product"])

    def draw(request):
        from django.http import HttpResponse

        return page_cache.tag(HttpResponse("<p>Chợ</p>"), "catalogue")

    middleware = page_cache.PageCacheMiddleware(draw)
    monkeypatch.setattr(page_cache, "store", lambda *args: False)  # a purge ran meanwhile
    assert "xkey" not in middleware(rf.get("/"))
    monkeypatch.undo()
    assert "xkey" in middleware(rf.get("/"))


def test_a_change_purges_the_front_cache_at_once_and_again_a_moment_later(
    mango, farmer, front_cache, committed
):
    import time

    with committed():
        catalog_services.quick_update(mango, farmer, price_vnd=99_000)
    assert front_cache and f"product:{mango.pk}" in front_cache[0]
    time.sleep(0.5)
    assert front_cache == [front_cache[0], front_cache[0]]


def test_a_purge_of_thousands_of_tags_reaches_the_front_cache_in_headers_it_accepts(front_cache):
    from marketplace import front_cache as front

    tags = {f"product:{number}" for number in range(5000)}
    front._send_purges(sorted(tags))
    assert set().union(*front_cache) == tags
    assert len(front_cache) > 1 and all(len(" ".join(some)) <= 4000 for some in front_cache)


def test_a_front_cache_that_is_away_does_not_stop_the_change(mango, farmer, settings, committed):
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9/"]  # nothing listens
    settings.FRONT_CACHE_PURGE_AGAIN_SECONDS = 0
    with committed():
        catalog_services.quick_update(mango, farmer, price_vnd=99_000)
    mango.refresh_from_db()
    assert mango.price_vnd == 99_000
