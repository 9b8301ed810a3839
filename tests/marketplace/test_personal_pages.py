"""Pages with personal data are never stored by a cache (issue 22, item 37), and the
database failing outside any view gives the 503 page, not the 500 (item 34)."""

import pytest
from django.db import OperationalError
from django.test import Client

from orders.models import Order
from tests.orders.conftest import checkout_data, put

pytestmark = pytest.mark.django_db


def stored_nowhere(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_the_order_page_by_its_secret_link_is_stored_nowhere(client, mango, cai_be):
    put(client, mango, "2")
    client.post("/thanh-toan/", checkout_data(cai_be))
    order = Order.objects.get()

    assert stored_nowhere(Client().get(order.get_absolute_url()))  # no session at all
    assert stored_nowhere(client.get("/gio-hang/"))


def test_the_producers_pages_are_stored_nowhere(client, farmer, farm, mango, cai_be):
    put(client, mango, "2")
    client.post("/thanh-toan/", checkout_data(cai_be))
    part = Order.objects.get().parts.get()
    client.force_login(farmer)

    for url in (f"/cua-toi/don-hang/{part.pk}/", f"/cua-toi/nha-san-xuat/{farm.pk}/ngan-hang/",
                "/cua-toi/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200 and stored_nowhere(response), url


def test_a_public_page_for_a_visitor_without_a_session_stays_cacheable(mango):
    response = Client().get(mango.get_absolute_url())
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")


def test_the_database_failing_as_the_session_is_saved_gives_the_503(monkeypatch, mango):
    from django.contrib.sessions.backends.db import SessionStore

    def unreachable(self, must_create=False):
        raise OperationalError("connection to server failed")

    monkeypatch.setattr(SessionStore, "save", unreachable)
    client = Client(raise_request_exception=False)

    response = client.post("/gio-hang/cap-nhat/", {"product": mango.pk, "quantity": "1"})

    assert response.status_code == 503 and response["Retry-After"] == "10"
