import io
from pathlib import Path

import openpyxl
import pytest

from catalog import services
from tests.factories import ProducerFactory, ProductFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_official_sees_a_new_listing_counted_and_downloads_the_same_numbers(
    live_server, browser, home_communes, farmer, official
):
    cai_be = home_communes.get(name="Xã Cái Bè")
    producer = ProducerFactory(display_name="Vườn xoài Út Ba", owner=farmer, commune=cai_be)
    listed = ProductFactory(producer=producer, origin_commune=cai_be, status="draft")
    services.change_status(listed, "active", farmer)
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    page.set_default_timeout(15_000)

    page.goto(live_server.url + "/admin/login/")
    page.locator("input[name=username]").fill("canbo1")
    page.locator("input[name=password]").fill("mat-khau-123")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + "/admin/so-lieu/")
    listed_card = page.locator(".figure-card", has_text="Sản phẩm đang niêm yết").locator(
        ".figure-card__value"
    )
    assert listed_card.inner_text() == "1"

    fresh = ProductFactory(
        producer=producer, origin_commune=cai_be, status="draft", name="Bưởi da xanh"
    )
    services.change_status(fresh, "active", farmer)
    page.reload()
    assert listed_card.inner_text() == "2"
    assert (
        page.locator(".figure-card", has_text="Niêm yết mới trong tháng")
        .locator(".figure-card__value")
        .inner_text()
        == "2"
    )

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải báo cáo (XLSX)").click()
    xlsx = Path(download.value.path()).read_bytes()  # saved without a file extension
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[4][0] == "NIÊM YẾT THEO ĐỊA BÀN VÀ DANH MỤC"  # laid out as officials file it
    header_at = next(index for index, row in enumerate(rows) if row[0] == "Ngày")
    total_at = next(index for index, row in enumerate(rows) if row[0] == "Tổng cộng")
    header, body = rows[header_at], rows[header_at + 1 : total_at]
    assert sum(row[header.index("Sản phẩm đang niêm yết")] for row in body) == 2
    assert rows[total_at][header.index("Sản phẩm đang niêm yết")] == 2
    assert {row[header.index("Xã/phường")] for row in body} == {"Xã Cái Bè"}
