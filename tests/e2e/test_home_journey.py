import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_reads_the_home_page_on_a_phone_and_switches_to_english(
    live_server, demo_site, phone_page, tmp_path
):
    phone_page.goto(live_server.url + "/")

    assert phone_page.locator("html").get_attribute("lang") == "vi"
    assert phone_page.locator("h1").inner_text() == "Chợ Nông Sản Đồng Tháp"
    screenshot = phone_page.screenshot(path=tmp_path / "home.png", full_page=True)
    assert screenshot[:8] == b"\x89PNG\r\n\x1a\n"
    # Mobile-first: nothing wider than the phone's screen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360

    phone_page.get_by_role("link", name="EN", exact=True).click()

    phone_page.wait_for_url(live_server.url + "/en/")
    assert phone_page.locator("html").get_attribute("lang") == "en"
    assert phone_page.get_by_role("button", name="Search").is_visible()


def test_a_visitor_searches_from_the_header(live_server, page_search_index, phone_page):
    phone_page.goto(live_server.url + "/")

    phone_page.get_by_placeholder("Tìm sản phẩm, nhà vườn, tin tức").fill("hội nghị")
    phone_page.get_by_role("button", name="Tìm kiếm").click()

    phone_page.wait_for_url("**/tim-kiem/?q=*")
    assert phone_page.get_by_role(
        "link", name="Hội nghị chuyển đổi số nông nghiệp toàn tỉnh"
    ).is_visible()
