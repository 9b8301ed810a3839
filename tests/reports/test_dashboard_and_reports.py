"""The officials' dashboard, reports (CSV/XLSX), targets, the public page and the
consistency check, on the scripted March 2026 history (see conftest)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalog import services
from reports.models import Target
from tests.factories import ProductFactory
from tests.photos import signed_form
from tests.reports.conftest import at

pytestmark = pytest.mark.django_db


def cards(html):
    """{card label: number} from the rendered figure cards."""
    import re

    found = re.findall(r'data-figure="\d+">([\d.]+)</span>([^<]+)</li>', html)
    return {label.strip(): int(number.replace(".", "")) for number, label in found}


def test_the_dashboard_shows_the_figures_of_a_past_date(client, history, official):
    client.force_login(official)

    response = client.get("/admin/so-lieu/", {"date": "2026-03-02"})

    html = response.content.decode()
    assert response.status_code == 200
    assert cards(html)["Sản phẩm đang niêm yết"] == 3
    assert cards(html)["Còn hàng"] == 2
    assert cards(html)["Nhà sản xuất đang niêm yết"] == 1
    assert "<svg" in html and "Xã Cái Bè" in html
    assert "Định nghĩa" in html


def test_the_dashboard_refuses_a_future_date_in_vietnamese(client, history, official):
    client.force_login(official)

    html = client.get("/admin/so-lieu/", {"date": "2099-01-01"}).content.decode()

    assert "Ngày không thể ở tương lai" in html


@pytest.mark.parametrize("user", ["farmer", "helper", "buyer"])
def test_only_officials_see_figures_and_reports(client, history, request, user):
    client.force_login(request.getfixturevalue(user))

    for url in ("/admin/so-lieu/", "/admin/so-lieu/niem-yet-theo-xa/", "/admin/listing-targets/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url


def test_the_report_by_area_exports_the_same_numbers_as_the_api(client, history, official):
    client.force_login(official)
    api = client.get(
        "/api/v1/stats/listings", {"date": "2026-03-02", "group_by": "category"}
    ).json()

    xlsx = client.get("/admin/so-lieu/niem-yet-theo-xa/", {"date": "2026-03-02", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    text = (
        client.get("/admin/so-lieu/niem-yet-theo-xa/", {"date": "2026-03-02", "export": "csv"})
        .getvalue()
        .decode("utf-8-sig")
    )
    csv_rows = list(csv.reader(io.StringIO(text)))

    header_at = next(index for index, row in enumerate(rows) if row[0] == "Ngày")
    total_at = next(index for index, row in enumerate(rows) if row[0] == "Tổng cộng")
    header, body = rows[header_at], rows[header_at + 1 : total_at]
    listed = header.index("Sản phẩm đang niêm yết")
    by_category = {row[header.index("Danh mục")]: row[listed] for row in body}
    assert by_category == {group["label"]: group["listed_products"] for group in api["groups"]}
    assert [int(row[listed]) for row in csv_rows[1:]] == [row[listed] for row in body]
    assert sum(by_category.values()) == 3  # mango, pomelo and shrimp: not three empty files


def test_targets_show_progress_and_gap(client, history, official):
    Target.objects.create(
        name="Kế hoạch tháng 3",
        metric="listed_products",
        value=10,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    client.force_login(official)

    html = client.get("/admin/so-lieu/").content.decode()

    assert "Kế hoạch tháng 3" in html
    assert "20.0 %" in html or "20,0 %" in html  # 2 listed of 10 on 6 March


def test_the_dashboard_reads_the_same_rows_however_many_targets(client, history, official, cai_be):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalog.models import Category

    def queries():
        client.get("/admin/so-lieu/")  # today's figures cached, as on a refresh
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/so-lieu/").status_code == 200
        return len(captured)

    def target(name, **area):
        Target.objects.create(
            name=name,
            metric="listed_products",
            value=4,
            period_start=datetime.date(2026, 3, 1),
            period_end=datetime.date(2026, 3, 3),
            **area,
        )

    client.force_login(official)
    fruit = Category.objects.get(slug="trai-cay")
    target("Trái cây Cái Bè", commune=cai_be, category=fruit)
    target("Toàn tỉnh")
    two = queries()
    for number in range(5):
        target(f"Trái cây Cái Bè {number}", commune=cai_be, category=fruit)
        target(f"Toàn tỉnh {number}")

    assert queries() == two


def test_a_target_for_a_commune_and_a_category_branch_counts_that_area(history, cai_be):
    from catalog.models import Category
    from reports.dashboard import target_progress

    target = Target.objects.create(
        name="Trái cây Cái Bè",
        metric="listed_products",
        value=4,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 3),
        commune=cai_be,
        category=Category.objects.get(slug="trai-cay"),
    )

    progress = target_progress(target, datetime.date(2026, 3, 6))

    assert (progress["on"], progress["actual"], progress["gap"]) == (
        datetime.date(2026, 3, 3),
        2,
        2,
    )


def test_officials_enter_targets_and_bad_periods_are_refused(client, official):
    client.force_login(official)
    data = {
        "name": "Tỉnh 2023",
        "metric": "listed_products",
        "value": "2300",
        "period_start": "2023-12-31",
        "period_end": "2023-01-01",
    }

    response = client.post("/admin/listing-targets/new/", data)

    assert response.status_code == 200
    assert "Kỳ phải kết thúc sau khi bắt đầu" in response.content.decode()
    assert not Target.objects.exists()
    client.post(
        "/admin/listing-targets/new/",
        data | {"period_start": "2023-01-01", "period_end": "2023-12-31"},
    )
    assert Target.objects.get().value == 2300


def test_digital_team_activity_counts_households_and_listings_made_for_them(
    client, helper, official, home_communes
):
    from producers import services as producer_services

    producer, _code = producer_services.register_household(
        helper,
        phone="+84912555111",
        display_name="Hộ bà Tư",
        representative="Lê Thị Tư",
        commune=home_communes[0],
        paper_form=signed_form(),
    )
    product = ProductFactory.build(producer=producer, origin_commune=home_communes[0])
    services.create_product(product, helper)
    client.force_login(official)

    export = client.get("/admin/so-lieu/to-cong-nghe-so/", {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(export.getvalue().decode("utf-8-sig"))))

    assert rows[0]["Hộ đã đăng ký"] == "1"
    assert rows[0]["Sản phẩm tạo thay hộ"] == "1"
    assert rows[0]["Thành viên tổ"] == "0987 000 001"  # no name given: the phone, never empty


def test_the_public_statistics_page_is_in_vietnamese_without_login(client, history):
    response = client.get("/thong-ke/", {"date": "2026-03-05"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Thống kê chợ" in html
    assert cards(html)["Sản phẩm đang niêm yết"] == 2
    assert "/api/v1/stats/listings?date=2026-03-05" in html


def test_the_consistency_check_agrees_and_fails_on_a_difference(history, capsys, settings):
    from catalog.models import Product
    from search import indexing
    from search.client import background_client

    if settings.ELASTICSEARCH_URL:  # the services run: the real index is the fourth source
        indexing.rebuild()
        background_client().indices.refresh(index=indexing.alias_name())

    call_command("check_listing_counts")
    assert "All sources agree" in capsys.readouterr().out

    Product.objects.filter(name="Xoài").update(is_listed=False)  # a write around the listing rule
    with pytest.raises(CommandError, match="listed_products"):
        call_command("check_listing_counts")


def test_the_nightly_command_catches_up_missed_days(history):
    from reports.models import SnapshotDay

    call_command("snapshot_listing_counts")

    assert SnapshotDay.objects.filter(date=datetime.date(2026, 3, 5)).exists()
    with pytest.raises(CommandError):
        call_command("snapshot_listing_counts", "--date", "2026-03-06")  # today is not over


def test_the_second_night_snapshots_only_the_day_that_ended(history, clock, farmer):
    from reports.models import GroupChange, ListingSnapshot, SnapshotDay

    def listed(day):
        rows = ListingSnapshot.objects.filter(date=datetime.date(2026, 3, day))
        return sum(row.listed_products for row in rows)

    call_command("snapshot_listing_counts")  # the first night, on 6 March: 1–5 March
    first_night = dict(SnapshotDay.objects.values_list("date", "made_at"))
    assert history.created_at == at(1, 8)  # model defaults follow the test's clock too
    mango = history.products.get(name="Xoài")
    clock(at(6, 15))
    services.change_status(mango, "delisted", farmer)

    clock(at(7, 0, 30))
    call_command("snapshot_listing_counts")  # the second night: 6 March only

    days = dict(SnapshotDay.objects.values_list("date", "made_at"))
    assert set(days) - set(first_night) == {datetime.date(2026, 3, 6)}
    assert all(days[day] == made for day, made in first_night.items())  # not redone
    assert (listed(5), listed(6)) == (2, 1)
    # Today's running figures keep only the rows of yesterday and today.
    assert set(GroupChange.objects.values_list("date", flat=True)) <= {
        datetime.date(2026, 3, 6),
        datetime.date(2026, 3, 7),
    }


def test_a_past_day_is_snapshotted_again_with_the_same_figures(history):
    from reports.models import ListingSnapshot

    def figures():
        return sorted(
            ListingSnapshot.objects.filter(date=datetime.date(2026, 3, 2)).values_list(
                "commune_id",
                "category_id",
                "certifications",
                "listed_products",
                "in_stock_products",
            )
        )

    call_command("snapshot_listing_counts")
    before = figures()
    ListingSnapshot.objects.filter(date=datetime.date(2026, 3, 2)).update(listed_products=99)

    call_command("snapshot_listing_counts", "--date", "2026-03-02")

    assert figures() == before and sum(row[3] for row in before) == 3


def test_producers_onboarded_report_filters_by_period_and_exports(client, history, official):
    from producers.models import Producer

    Producer.objects.filter(pk=history.pk).update(
        created_at=datetime.datetime(2026, 3, 1, 8, tzinfo=datetime.UTC)
    )
    client.force_login(official)

    def exported(query):
        response = client.get("/admin/so-lieu/nha-san-xuat-moi/", {"export": "csv", **query})
        return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))

    rows = exported({"created_at_from": "2026-03-01", "created_at_to": "2026-03-31"})
    assert [row["Nhà sản xuất"] for row in rows] == [history.display_name]
    assert rows[0]["Trạng thái"] == "Đã xác minh"
    assert rows[0]["Xác minh lần đầu"].startswith("2026-03-01")
    assert exported({"created_at_from": "2026-04-01", "created_at_to": "2026-04-30"}) == []


def test_the_statistics_page_offers_the_figures_as_csv(client, history):
    html = client.get("/thong-ke/", {"date": "2026-03-05"}).content.decode()
    assert "group_by=commune&amp;format=csv" in html

    response = client.get(
        "/api/v1/stats/listings", {"date": "2026-03-05", "group_by": "commune", "format": "csv"}
    )

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["date", "key", "label", "listed_products", "listing_producers"]
    assert ["2026-03-05", str(rows[1][1]), "Xã Cái Bè", "2", "1"] == rows[1]


def test_the_xlsx_report_has_the_layout_officials_file(client, official, history):
    from openpyxl import load_workbook

    client.force_login(official)

    response = client.get(
        "/admin/so-lieu/niem-yet-theo-xa/", {"date": "2026-03-05", "export": "xlsx"}
    )

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell for cell in row if cell is not None] for row in sheet.values]
    assert sheet.title == "Niêm yết theo địa bàn"  # a whole short name: Excel allows 31
    assert rows[0] == ["CHỢ NÔNG SẢN – TỈNH ĐỒNG THÁP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert rows[1] == ["Độc lập – Tự do – Hạnh phúc"]
    assert rows[2][0].startswith("Đồng Tháp, ngày ")
    assert rows[4] == ["NIÊM YẾT THEO ĐỊA BÀN VÀ DANH MỤC"]
    assert rows[5] == ["Số liệu cuối ngày 05/03/2026"] and rows[6] == ["Đơn vị: sản phẩm"]
    cells = list(sheet.values)
    header = next(index for index, row in enumerate(cells) if row[0] == "Ngày")
    assert sheet.freeze_panes == f"A{header + 2}"
    total = next(index for index, row in enumerate(cells) if row[0] == "Tổng cộng")
    body = cells[header + 1 : total]
    listed = cells[header].index("Sản phẩm đang niêm yết")
    assert cells[total][listed] == sum(row[listed] for row in body) == 2  # the same as today
    signature = [row for row in rows[total + 1 :] if row]
    assert signature == [["THỦ TRƯỞNG ĐƠN VỊ"], ["(Ký, ghi rõ họ tên)"]]
