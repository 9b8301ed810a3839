"""Every spreadsheet an official exports opens right and prints to sign and file: CSV
with a byte-order mark, XLSX whose cells are data (never formulas), with the national
heading, the place and date, a signature block, A4 set-up and Vietnamese number and
date formats (issue 22, items 17, 19 and 27)."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from catalog.models import ListingReport
from marketplace.models import MarketplaceIdentity
from payments.models import Payout
from tests.factories import ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db

EXPORTS = [
    "/admin/products/",
    "/admin/listing-reports/",
    "/admin/producers/",
    "/admin/orders/",
    "/admin/payments/",
    "/admin/refunds/",
    "/admin/payouts/",
    "/admin/owed-to-producers/",
    "/admin/so-lieu/niem-yet-theo-xa/",
    "/admin/so-lieu/nha-san-xuat-moi/",
    "/admin/so-lieu/to-cong-nghe-so/",
]
PLANTED = ['=HYPERLINK("http://x","Bấm")', '=WEBSERVICE("http://x")', "+1+1", "@SUM(A1)"]


@pytest.fixture
def planted(settings):
    for value in PLANTED:
        producer = ProducerFactory(display_name=value, representative=value, status="submitted")
        product = ProductFactory(producer=producer, name=value)
        ListingReport.objects.create(product=product, reason="other", details=value)
        Payout.objects.create(
            producer=producer, amount_vnd=1_250_000, paid_on=datetime.date(2026, 11, 30),
            bank_reference=value,
        )  # fmt: skip
    identity = MarketplaceIdentity.objects.get_or_create()[0]
    identity.signer_title, identity.signer_name = "Giám đốc Sở Công Thương", "Nguyễn Văn Bình"
    identity.save()


def workbook(client, url):
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200, url
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("url", EXPORTS)
def test_every_csv_opens_in_excel_with_its_vietnamese(admin_client, planted, url):
    response = admin_client.get(url, {"export": "csv"})

    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith("\ufeff".encode()), url
    content.decode("utf-8")


@pytest.mark.parametrize("url", EXPORTS)
def test_every_xlsx_cell_is_data_never_a_formula(admin_client, planted, url):
    sheet = workbook(admin_client, url).active

    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], url
    # The planted text is kept as it was typed, as text.
    if url in ("/admin/listing-reports/", "/admin/payouts/", "/admin/products/"):
        assert {cell.value for cell in cells} >= set(PLANTED), url


@pytest.mark.parametrize("url", EXPORTS)
def test_every_xlsx_is_ready_to_print_and_sign(admin_client, planted, url):
    sheet = workbook(admin_client, url).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in values
    assert "Độc lập – Tự do – Hạnh phúc" in values
    assert any(
        str(value).startswith("Đồng Tháp, ngày ") and "năm" in str(value) for value in values
    )
    assert values[-3:] == ["GIÁM ĐỐC SỞ CÔNG THƯƠNG", "(Ký, ghi rõ họ tên)", "Nguyễn Văn Bình"]
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows  # the column headings repeat on every page
    assert len(sheet.title) <= 31 and not sheet.title.endswith(" ")


def test_dates_and_amounts_are_formatted_the_vietnamese_way(admin_client, planted):
    sheet = workbook(admin_client, "/admin/payouts/").active

    cells = [cell for row in sheet.iter_rows() for cell in row]
    paid_on = next(cell for cell in cells if cell.value == datetime.datetime(2026, 11, 30))
    amount = next(cell for cell in cells if cell.value == 1_250_000)
    assert paid_on.number_format == "dd/mm/yyyy"
    assert amount.number_format == "#,##0"


def test_a_sheet_is_named_by_the_whole_title_or_a_short_name_never_a_cut_one(admin_client):
    for url in EXPORTS:
        title = workbook(admin_client, url).active.title
        html = admin_client.get(url).content.decode()
        assert title in html, (url, title)  # a whole title, or a short name the page shows
