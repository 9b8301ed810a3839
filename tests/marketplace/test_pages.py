import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path

from marketplace.models import GuidePage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def test_home_page_is_in_vietnamese_by_default(client, demo_site):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Chợ Nông Sản Đồng Tháp" in html
    assert "Tìm sản phẩm, nhà vườn, tin tức" in html
    assert "Hội nghị chuyển đổi số nông nghiệp toàn tỉnh" in html
    assert '<a href="/tin-tuc/">Tin tức</a>' in html  # main menu


def test_home_page_in_english_under_en(client, demo_site):
    response = client.get("/en/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Search products, farms, news" in html


def test_english_pages_translate_menus_and_categories_and_say_the_text_is_vietnamese(
    client, demo_site
):
    from catalog.models import Category

    Category.objects.filter(slug="trai-cay").update(name_en="Fruit")
    home = client.get("/en/").content.decode()
    about = client.get("/en/gioi-thieu/").content.decode()

    assert "<h1>Đồng Tháp farm produce market</h1>" in home
    assert '<a href="/en/gioi-thieu/">About</a>' in home  # the main menu
    assert ">Fruit</a>" in home and "Trái cây" not in home
    assert "<h1>About</h1>" in about
    assert "The text of this page is in Vietnamese only." in about
    vietnamese = client.get("/gioi-thieu/").content.decode()
    assert "<h1>Giới thiệu</h1>" in vietnamese and "chỉ có tiếng Việt" not in vietnamese


def test_language_switch_is_a_link_to_the_same_page_in_english(client, demo_site):
    html = client.get("/tin-tuc/?page=1").content.decode()
    english = client.get("/en/tin-tuc/?page=1").content.decode()

    assert '<a href="/en/tin-tuc/?page=1" lang="en" hreflang="en"' in html
    assert '<a href="/tin-tuc/?page=1" lang="vi" hreflang="vi"' in english
    assert "/i18n/setlang/" not in html + english


@pytest.mark.parametrize("model", [NewsIndexPage, NewsPage, GuidePage])
def test_site_pages_render(client, demo_site, model):
    page = model.objects.live().first()

    response = client.get(page.url)

    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_news_index_query_count_does_not_grow_with_articles(
    client, demo_site, django_assert_max_num_queries
):
    news_index = NewsIndexPage.objects.get()

    def queries_to_render():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(news_index.url)
        assert response.status_code == 200
        return len(queries)

    queries_with_one_article = queries_to_render()
    for number in range(12):
        news_index.add_child(instance=NewsPage(title=f"Tin số {number}", slug=f"tin-so-{number}"))

    with django_assert_max_num_queries(queries_with_one_article):
        response = client.get(news_index.url)

    assert "Trang 1 / 2" in response.content.decode()


def test_unknown_url_gets_a_vietnamese_404(client, demo_site):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "Về trang chủ" in html


def failing_view(request):
    raise RuntimeError("boom: secret internals")


urlpatterns = [path("loi/", failing_view)]


@pytest.mark.urls(__name__)
def test_server_error_gets_a_vietnamese_500_without_a_traceback(client):
    client.raise_request_exception = False

    response = client.get("/loi/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Đã có lỗi xảy ra" in html
    assert "secret internals" not in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_a_database_that_is_restarting_gets_a_vietnamese_503_not_a_500(client, monkeypatch):
    """What buyers see in PostgreSQL's restart gap (the stack's fault drill measures it)."""
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def unreachable(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CursorWrapper, "execute", unreachable)

    response = client.get("/xa/")

    assert response.status_code == 503 and response["Retry-After"] == "10"
    html = response.content.decode()
    assert "Hệ thống tạm thời gián đoạn" in html and "server closed" not in html


def test_robots_txt_points_at_the_sitemap(client, demo_site):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert "Disallow: /admin/" in response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_sitemap_lists_the_site_pages(client, demo_site):
    index = client.get("/sitemap.xml").content.decode()
    response = client.get("/sitemap-pages.xml")

    assert "/sitemap-products.xml" in index
    assert "/sitemap-producers.xml" in index
    assert response.status_code == 200
    assert "/tin-tuc/hoi-nghi-chuyen-doi-so-nong-nghiep/" in response.content.decode()


def test_search_finds_news_by_vietnamese_words(client, page_search_index):
    response = client.get("/tim-kiem/", {"q": "hội nghị"})

    assert response.status_code == 200
    assert "Hội nghị chuyển đổi số nông nghiệp toàn tỉnh" in response.content.decode()


def test_public_pages_allow_scripts_and_styles_from_this_site_only(client, demo_site):
    policy = client.get("/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_templates_have_no_inline_scripts_or_handlers():
    """Inline code would be blocked by the policy: it belongs in static files."""
    import re
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        if "admin" in template.parts or template.name == "error_page.html":
            continue
        text = template.read_text()
        for match in re.finditer(
            r"<script(?![^>]*\b(src|type=\"application/ld\+json\")\b)[^>]*>|\son[a-z]+=", text
        ):
            offenders.append(f"{template.name}: {match.group(0)}")
    assert offenders == []


def test_the_pages_sitemap_uses_the_requests_host_like_the_others(client, demo_site):
    xml = client.get("/sitemap-pages.xml").content.decode()

    assert "<loc>http://testserver/" in xml and "localhost" not in xml


def test_the_site_has_an_icon_and_a_web_app_manifest(client, demo_site):
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html and 'rel="manifest" href="/manifest.webmanifest"' in html

    manifest = client.get("/manifest.webmanifest").json()

    assert manifest["name"] == "Chợ Nông Sản Đồng Tháp" and manifest["start_url"] == "/"
    assert manifest["icons"][0]["src"].endswith(".svg")
    assert client.get("/favicon.ico")["Location"].endswith(".svg")


def test_the_sitemaps_list_categories_communes_and_the_landing_pages(client, demo_site, cai_be):
    """Issue 22, item 23: pages search engines should find beside products and producers."""
    from tests.factories import ProductFactory

    product = ProductFactory(origin_commune=cai_be)
    index = client.get("/sitemap.xml").content.decode()
    landing = client.get("/sitemap-landing.xml").content.decode()
    categories = client.get("/sitemap-categories.xml").content.decode()
    communes = client.get("/sitemap-communes.xml").content.decode()

    assert all(f"/sitemap-{name}.xml" in index for name in ("landing", "categories", "communes"))
    assert all(
        f"http://testserver{path}</loc>" in landing
        for path in ("/xa/", "/thong-ke/", "/ban-hang/", "/du-lieu-mo/")
    )
    assert f"{product.category.get_absolute_url()}</loc>" in categories
    assert f"/xa/{cai_be.slug}/</loc>" in communes and communes.count("<loc>") == 1
