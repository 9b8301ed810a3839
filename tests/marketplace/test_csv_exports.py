"""Values planted by farmers or anonymous buyers never reach an official's
spreadsheet as formulas, in any CSV the admin exports."""

import csv
import io

import pytest

from catalog.models import ListingReport
from marketplace.spreadsheets import neutralise_formula
from tests.factories import ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db

PLANTED = ['=HYPERLINK("http://x","Bấm")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def rows(client, url):
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("value", PLANTED)
def test_planted_formulas_are_neutralised_in_every_csv(admin_client, value):
    producer = ProducerFactory(display_name=value, representative=value, status="submitted")
    product = ProductFactory(producer=producer, name=value)
    ListingReport.objects.create(product=product, reason="other", details=value)

    exports = {
        "/admin/products/": rows(admin_client, "/admin/products/"),
        "/admin/listing-reports/": rows(admin_client, "/admin/listing-reports/"),
        "/admin/producers/": rows(admin_client, "/admin/producers/"),
        "/admin/so-lieu/nha-san-xuat-moi/": rows(admin_client, "/admin/so-lieu/nha-san-xuat-moi/"),
    }

    for url, table in exports.items():
        cells = [cell for row in table[1:] for cell in row]
        assert "'" + value in cells, url
        assert value not in cells, url


def test_plain_values_and_numbers_are_left_alone():
    assert neutralise_formula("Xoài cát Hòa Lộc") == "Xoài cát Hòa Lộc"
    assert neutralise_formula(-5) == -5
