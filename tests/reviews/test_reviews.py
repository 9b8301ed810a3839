"""Reviews (issue 28): only the buyer who received the goods reviews them, once per line,
within the window; the producer answers once; officials hide with a reason; product and
producer pages show the average, the count, the latest reviews and their JSON-LD; search
sorts by rating."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from catalog.models import Product
from marketplace.personal_data import Person
from orders.cart import CartLine
from orders.models import OrderPart, PartStatus
from orders.services import change_part_status, place_order
from reviews import personal_data, services
from reviews.models import Review, ReviewReport, ReviewRules
from search import indexing
from search.client import background_client
from search.params import SearchParams
from search.queries import search_products
from tests.factories import ProductFactory
from tests.photos import jpeg
from tests.search.judged import only_elasticsearch_answers

pytestmark = pytest.mark.django_db


def ordered(product, commune, *, buyer=None, name="Lê Thị Mai", quantity="2"):
    return place_order(
        [CartLine(product, Decimal(quantity), product.price_vnd)], buyer=buyer,
        buyer_name=name, buyer_phone="+84903123456", commune=commune, address="12 Ấp Bắc",
    )  # fmt: skip


def deliver(order, actor):
    part = order.parts.get()
    for status in (PartStatus.CONFIRMED, PartStatus.SHIPPED, PartStatus.DELIVERED):
        change_part_status(part, status, actor)
    return order


def review_url(order, line):
    return f"/don-hang/{order.code}/{order.secret}/danh-gia/{line.pk}/"


def line_of(order):
    return order.parts.get().lines.get()


def json_ld(html, kind):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == kind:
            return data
    return None


def test_a_buyer_who_received_it_reviews_with_photos_and_the_pages_show_the_rating(
    client, farmer, mango, cai_be
):
    order = deliver(ordered(mango, cai_be), farmer)
    page = client.get(order.get_absolute_url()).content.decode()
    assert review_url(order, line_of(order)) in page  # the order page offers it

    response = client.post(review_url(order, line_of(order)), {
        "stars": "4", "text": "  Xoài ngọt, giao nhanh ",
        "photos": [jpeg(name="xoai.jpg", gps=True)],
    })  # fmt: skip

    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.stars, review.author_name, review.text) == (4, "Mai", "Xoài ngọt, giao nhanh")
    stored = review.photos.get().image
    assert not stored.name.endswith("xoai.jpg")
    with Image.open(stored.open("rb")) as image:
        assert not image.getexif()
    mango.refresh_from_db()
    assert (mango.rating_average, mango.rating_count) == (Decimal("4.00"), 1)
    html = client.get(mango.get_absolute_url()).content.decode()
    assert "4,0/5" in html and "Xoài ngọt, giao nhanh" in html
    product_data = json_ld(html, "Product")
    assert product_data["aggregateRating"]["ratingValue"] == 4.0
    assert product_data["aggregateRating"]["reviewCount"] == 1
    assert product_data["review"][0]["author"]["name"] == "Mai"
    producer_html = client.get(mango.producer.get_absolute_url()).content.decode()
    assert json_ld(producer_html, "LocalBusiness")["aggregateRating"]["reviewCount"] == 1


@pytest.mark.parametrize("status", [PartStatus.PLACED, PartStatus.CONFIRMED, PartStatus.SHIPPED,
                                    PartStatus.CANCELLED])  # fmt: skip
def test_an_undelivered_part_cannot_be_reviewed_by_any_path(client, farmer, mango, cai_be, status):
    order = ordered(mango, cai_be)
    part = order.parts.get()
    path = {PartStatus.CONFIRMED: [PartStatus.CONFIRMED],
            PartStatus.SHIPPED: [PartStatus.CONFIRMED, PartStatus.SHIPPED],
            PartStatus.CANCELLED: [PartStatus.CANCELLED]}.get(status, [])  # fmt: skip
    for step in path:
        change_part_status(part, step, farmer, "Hết hàng")
    assert "danh-gia" not in client.get(order.get_absolute_url()).content.decode()
    response = client.post(review_url(order, line_of(order)), {"stars": "5"})
    assert response.status_code == 400
    assert "khi đã giao" in response.content.decode()
    with pytest.raises(ValidationError):
        services.write_review(line_of(order), None, stars=5, text="")
    assert not Review.objects.exists()


def test_someone_elses_order_line_or_account_cannot_review(
    client, farmer, mango, pomelo, other_farmer, cai_be, buyer
):
    mine = deliver(ordered(mango, cai_be), farmer)
    theirs = deliver(ordered(pomelo, cai_be, name="Trần Văn Hùng"), other_farmer)
    # My secret link with their line: not a line of my order.
    assert client.post(review_url(mine, line_of(theirs)), {"stars": "1"}).status_code == 404
    # A wrong secret: no order.
    wrong = f"/don-hang/{theirs.code}/{mine.secret}/danh-gia/{line_of(theirs).pk}/"
    assert client.post(wrong, {"stars": "1"}).status_code == 404
    # An order placed signed in: only that account, even with the link.
    signed_in = deliver(ordered(mango, cai_be, buyer=buyer, quantity="1"), farmer)
    client.force_login(farmer)
    response = client.post(review_url(signed_in, line_of(signed_in)), {"stars": "1"})
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        services.write_review(line_of(signed_in), farmer, stars=1, text="")
    client.logout()
    assert client.post(review_url(signed_in, line_of(signed_in)), {"stars": "1"}).status_code == 400
    assert not Review.objects.exists()
    client.force_login(buyer)
    assert client.post(review_url(signed_in, line_of(signed_in)), {"stars": "5"}).status_code == 302
    assert Review.objects.get().author == buyer


def test_a_line_is_reviewed_once_and_only_within_the_window(client, farmer, mango, cai_be):
    order = deliver(ordered(mango, cai_be), farmer)
    url = review_url(order, line_of(order))
    assert client.post(url, {"stars": "5"}).status_code == 302
    second = client.post(url, {"stars": "1", "text": "Lần hai"})
    assert second.status_code == 400 and Review.objects.count() == 1
    with pytest.raises(ValidationError):
        services.write_review(line_of(order), None, stars=1, text="")

    late = deliver(ordered(mango, cai_be, quantity="1"), farmer)
    rules = ReviewRules.load()
    rules.window_days = 10
    rules.save()
    OrderPart.objects.filter(order=late).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=10, minutes=1)
    )
    response = client.post(review_url(late, line_of(late)), {"stars": "5"})
    assert response.status_code == 400 and "hết hạn" in response.content.decode()
    assert Review.objects.count() == 1


@pytest.mark.parametrize("data, message", [
    ({"stars": "0"}, "1 đến 5 sao"), ({"stars": "6"}, "1 đến 5 sao"), ({}, "1 đến 5 sao"),
    ({"stars": "5", "text": "x" * 2001}, "2000"),
])  # fmt: skip
def test_wrong_stars_or_text_are_form_errors(client, farmer, mango, cai_be, data, message):
    order = deliver(ordered(mango, cai_be), farmer)
    response = client.post(review_url(order, line_of(order)), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Review.objects.exists()


def test_a_10_mb_photo_that_is_html_or_four_photos_are_refused(client, farmer, mango, cai_be):
    order = deliver(ordered(mango, cai_be), farmer)
    html = SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script>" + b" " * 10_000_000,
                              content_type="image/jpeg")  # fmt: skip
    response = client.post(review_url(order, line_of(order)), {"stars": "5", "photos": [html]})
    assert response.status_code == 400 and not Review.objects.exists()
    four = [jpeg(name=f"{n}.jpg") for n in range(4)]
    response = client.post(review_url(order, line_of(order)), {"stars": "5", "photos": four})
    assert response.status_code == 400 and "3" in response.content.decode()
    assert not Review.objects.exists()


def test_the_producer_answers_once_and_no_other_producer_can(
    client, farmer, other_farmer, mango, cai_be
):
    order = deliver(ordered(mango, cai_be), farmer)
    review = services.write_review(line_of(order), None, stars=3, text="Hơi dập")
    client.force_login(other_farmer)
    assert "Hơi dập" not in client.get("/cua-toi/danh-gia/").content.decode()
    assert client.post(f"/cua-toi/danh-gia/{review.pk}/tra-loi/", {"text": "x"}).status_code == 404
    client.force_login(farmer)
    assert "Hơi dập" in client.get("/cua-toi/danh-gia/").content.decode()
    client.post(f"/cua-toi/danh-gia/{review.pk}/tra-loi/", {"text": "Xin lỗi, lần sau kỹ hơn"})
    client.post(f"/cua-toi/danh-gia/{review.pk}/tra-loi/", {"text": "Sửa lại"})
    review.refresh_from_db()
    assert review.answer == "Xin lỗi, lần sau kỹ hơn"
    assert "Xin lỗi, lần sau kỹ hơn" in client.get(mango.get_absolute_url()).content.decode()


def test_an_official_hides_a_reported_review_and_the_rating_follows(
    client, farmer, mango, cai_be, official
):
    five = services.write_review(line_of(deliver(ordered(mango, cai_be), farmer)), None,
                                 stars=5, text="Tuyệt")  # fmt: skip
    services.write_review(line_of(deliver(ordered(mango, cai_be, quantity="1"), farmer)), None,
                          stars=1, text="Số điện thoại người bán là ...")  # fmt: skip
    bad = Review.objects.get(stars=1)
    assert client.post(f"/danh-gia/{bad.pk}/bao-cao/", {"reason": "personal"}).status_code == 302
    assert ReviewReport.objects.filter(review=bad, handled_at=None).exists()
    mango.refresh_from_db()
    assert mango.rating_average == Decimal("3.00")

    client.force_login(official)
    queue = client.get("/admin/reviews/?reported=true").content.decode()
    assert f"/admin/reviews/inspect/{bad.pk}/" in queue
    assert f"/admin/reviews/inspect/{five.pk}/" not in queue
    assert client.post(f"/admin/reviews/{bad.pk}/hide/", {"reason": ""}).status_code == 302
    bad.refresh_from_db()
    assert not bad.is_hidden  # a reason is required
    client.post(f"/admin/reviews/{bad.pk}/hide/", {"reason": "Lộ số điện thoại"})
    bad.refresh_from_db()
    assert bad.is_hidden and bad.reports.get().handled_at
    mango.refresh_from_db()
    assert (mango.rating_average, mango.rating_count) == (Decimal("5.00"), 1)
    html = client.get(mango.get_absolute_url()).content.decode()
    assert "Số điện thoại người bán" not in html and "Tuyệt" in html
    client.post(f"/admin/reviews/{bad.pk}/show/")
    mango.refresh_from_db()
    assert mango.rating_count == 2


@pytest.fixture(params=[pytest.param("elasticsearch", marks=pytest.mark.elasticsearch), "database"])
def search_backend(request, settings, monkeypatch):
    """The real node alone, fed only through the outbox the reviews write to; or the database."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
    else:
        only_elasticsearch_answers(request, monkeypatch)
    return request.param


def test_search_and_category_pages_sort_by_rating(
    client, farmer, mango, farm, cai_be, search_backend
):
    unrated = ProductFactory(producer=farm, name="Xoài keo", stock_quantity="10")
    good = ProductFactory(producer=farm, name="Xoài tượng", stock_quantity="10")
    if search_backend == "elasticsearch":
        indexing.rebuild()  # before the reviews: only the outbox can bring their ratings
    services.write_review(line_of(deliver(ordered(mango, cai_be), farmer)), None, stars=3,
                          text="")  # fmt: skip
    services.write_review(line_of(deliver(ordered(good, cai_be), farmer)), None, stars=5,
                          text="")  # fmt: skip
    if search_backend == "elasticsearch":
        indexing.drain_all()
        background_client().indices.refresh(index=indexing.alias_name())
    answer = search_products(SearchParams(q="xoai", sort="rating"))
    ids = [result["id"] for result in answer["results"]]
    assert ids == [good.pk, mango.pk, unrated.pk]
    assert ids != sorted(ids) and ids != sorted(ids, reverse=True)
    html = client.get(mango.category.get_absolute_url() + "?sort=rating").content.decode()
    assert html.index("Xoài tượng") < html.index("Xoài cát") < html.index("Xoài keo")
    assert Product.objects.get(pk=unrated.pk).rating_average is None


def test_deleting_a_persons_data_keeps_the_stars_without_the_words(farmer, mango, cai_be):
    order = deliver(ordered(mango, cai_be), farmer)
    services.write_review(line_of(order), None, stars=4, text="Ngon", photos=[jpeg()])
    person = Person(user=None, phones=frozenset({"+84903123456"}))
    assert personal_data.export(person)["danh_gia"][0]["noi_dung"] == "Ngon"
    personal_data.erase(person)
    review = Review.objects.get()
    assert (review.stars, review.text, review.photos.count()) == (4, "", 0)
    assert review.author_name != "Mai"
