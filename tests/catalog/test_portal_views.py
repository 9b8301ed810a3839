"""The seller portal's small views, through their URLs: photo order without JavaScript,
duplicating a product, and two products with the same name."""

import pytest

from catalog.models import Category, Product
from tests.factories import ProductFactory, relist

pytestmark = pytest.mark.django_db


def photos_url(product):
    return f"/cua-toi/san-pham/{product.pk}/anh/"


def test_a_farmer_reorders_and_removes_photos_without_javascript(client, farm, farmer):
    product = ProductFactory(producer=farm, photos=3)
    first, second, third = product.photos.all()
    client.force_login(farmer)

    response = client.post(
        photos_url(product),
        {f"position-{first.pk}": "2", f"position-{second.pk}": "3", f"position-{third.pk}": "1",
         "remove": [str(second.pk)]},
    )  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == f"/cua-toi/san-pham/{product.pk}/sua/"
    assert list(product.photos.all()) == [third, first]
    assert product.cover == third


@pytest.mark.parametrize("value", ["²", "٣", "-1", "1e9", "", "\x00", "9" * 400, "abc"])
def test_odd_positions_and_removals_change_nothing_and_never_fail(client, farm, farmer, value):
    product = ProductFactory(producer=farm, photos=2)
    before = list(product.photos.all())
    client.force_login(farmer)

    response = client.post(
        photos_url(product), {f"position-{before[0].pk}": value, "remove": [value]}
    )

    assert response.status_code in (302, 400)
    assert list(product.photos.all()) == before


def test_another_farmer_cannot_touch_the_photos(client, farm, other_farmer):
    product = ProductFactory(producer=farm, photos=2)
    before = list(product.photos.all())
    client.force_login(other_farmer)

    response = client.post(photos_url(product), {"remove": [str(before[1].pk)]})

    assert response.status_code == 404
    assert list(product.photos.all()) == before


def test_duplicating_makes_a_draft_and_opens_it(client, farm, farmer, other_farmer):
    product = ProductFactory(producer=farm, photos=2, name="Xoài cát Hòa Lộc loại 1")
    client.force_login(other_farmer)
    assert client.post(f"/cua-toi/san-pham/{product.pk}/nhan-ban/").status_code == 404
    client.force_login(farmer)

    response = client.post(f"/cua-toi/san-pham/{product.pk}/nhan-ban/")

    copy = Product.objects.exclude(pk=product.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/cua-toi/san-pham/{copy.pk}/sua/"
    assert copy.status == "draft" and copy.slug != product.slug
    assert copy.photos.count() == 2


def test_two_products_with_the_same_name_get_their_own_pages(client, farm, farmer):
    client.force_login(farmer)
    data = {
        "name": "Xoài cát Hòa Lộc", "category": Category.objects.get(slug="xoai").pk,
        "price_vnd": "120.000", "unit": "kg", "quantity_step": "1", "min_order_quantity": "1",
    }  # fmt: skip
    for _ in range(2):
        response = client.post(f"/cua-toi/san-pham/moi/{farm.pk}/", data)
        assert response.status_code == 302

    first, second = Product.objects.order_by("pk")
    assert first.slug != second.slug and second.slug.startswith(first.slug)
    for product in (first, second):
        product.status = "active"
        product.save()
    relist(first)
    relist(second)
    client.logout()
    assert client.get(first.get_absolute_url()).status_code == 200
    assert client.get(second.get_absolute_url()).status_code == 200
