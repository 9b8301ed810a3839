import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from accounts.roles import DIGITAL_TEAM, FARMERS, OFFICIALS
from marketplace.models import HomePage
from producers.models import Producer

pytestmark = pytest.mark.django_db


def run_command():
    from io import StringIO

    out = StringIO()
    call_command("load_demo_data", producers=40, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, inside a transaction rolled back at its end;
    each test runs in a savepoint within it, so none sees another's changes."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield run_command()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_load_demo_data_builds_the_site_and_accounts(first_run):
    output = first_run

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.get_children().live().count() == 3
    users = {user.username: user for user in get_user_model().objects.all()}
    assert users["admin"].is_superuser
    assert users["canbo"].groups.filter(name=OFFICIALS).exists()
    assert users["nongdan"].groups.filter(name=FARMERS).exists()
    assert users["totcns"].groups.filter(name=DIGITAL_TEAM).exists()
    for username in ("admin", "canbo", "nongdan", "totcns"):
        assert username in output


def test_load_demo_data_adds_producers_across_the_whole_province(first_run):

    producers = Producer.objects.select_related("commune__legacy_district")
    assert producers.count() == 40
    assert {p.commune.legacy_district.legacy_province_name for p in producers} == {
        "Tiền Giang",
        "Đồng Tháp",
    }
    assert producers.filter(status="verified").exists()
    assert producers.filter(status="submitted").exists()
    assert producers.filter(registered_by__username="totcns").exists()
    assert producers.filter(memberships__user__username="nongdan").count() == 1


def test_load_demo_data_runs_again_without_duplicates_or_new_passwords(first_run):
    pages_before = Page.objects.count()

    output = run_command()

    assert Page.objects.count() == pages_before
    assert Producer.objects.count() == 40
    assert "Demo logins" not in output


def test_officials_reach_the_wagtail_admin_but_farmers_do_not(client, first_run):
    User = get_user_model()

    client.force_login(User.objects.get(username="canbo"))
    assert client.get("/admin/").status_code == 200

    client.force_login(User.objects.get(username="nongdan"))
    assert client.get("/admin/").status_code == 302


def test_the_demo_history_ends_at_todays_listed_products(first_run):
    from django.utils import timezone

    from catalog.models import Product
    from reports.figures import for_date, from_log

    def listing_counts(date):
        def counted(figures):
            return {
                group: (row["listed_products"], row["in_stock_products"], row["listing_producers"])
                for group, row in figures.groups.items()
                if row["listed_products"]
            }

        figures = for_date(date)
        assert counted(figures) == counted(from_log(date))
        return {"total": figures.total}

    today = listing_counts(timezone.localdate())["total"]
    assert today["listed_products"] == Product.objects.public().count() > 0
    assert today["in_stock_products"] == Product.objects.public().filter(status="active").count()
    from reports.models import Target

    assert Target.objects.filter(value=2300).exists()  # the province's reported figure
    a_year_ago = timezone.localdate() - timezone.timedelta(days=365)
    assert listing_counts(a_year_ago)["total"]["listed_products"] < today["listed_products"]


def test_the_demo_has_weeks_of_orders_in_every_state(first_run):
    from orders.models import Order, OrderPart

    assert Order.objects.count() >= 20
    assert set(OrderPart.objects.values_list("status", flat=True)) == {
        "placed", "confirmed", "shipped", "delivered", "cancelled", "preordered",
    }  # fmt: skip
    days = {order.created_at.date() for order in Order.objects.all()}
    assert len(days) > 7


def test_demo_producers_sell_what_they_make_where_it_is_grown(first_run):
    """A coconut garden sells coconuts, and Hòa Lộc mangoes come from the former Cái Bè."""
    producers = Producer.objects.select_related("commune__legacy_district").prefetch_related(
        "products"
    )
    for producer in producers:
        assert all(p.name.startswith(producer.main_products) for p in producer.products.all())
        if producer.main_products == "Xoài cát Hòa Lộc":
            assert producer.commune.legacy_district.name == "Huyện Cái Bè"
    coconut_gardens = [p for p in producers if p.display_name.startswith("Vườn dừa")]
    assert all(p.main_products.startswith("Dừa") for p in coconut_gardens)


def test_the_demo_announces_the_coming_weeks_with_one_scripted_glut(first_run):
    import datetime

    from django.utils import timezone

    from harvests import outlook
    from harvests.models import HarvestAnnouncement

    today = timezone.localdate()
    coming = HarvestAnnouncement.objects.public().filter(
        window_start__lte=today + datetime.timedelta(weeks=12)
    )
    assert coming.count() >= 20
    flagged = [row for row in outlook.outlook(today, 12, producers=True) if row.flagged]
    # One produce (rambutan in the full demo) ripening on many farms at once, nothing else.
    assert flagged and len({row.category_id for row in flagged}) == 1
    assert all(len(row.producers) >= 4 for row in flagged)


def test_the_demo_price_board_shows_figures_only_where_the_threshold_holds(client, first_run):
    from marketplace.formatting import format_vnd
    from prices.models import PriceBoardSettings

    rule = PriceBoardSettings.load()
    body = client.get("/api/v1/prices").json()
    assert body["figures"], "the demo's delivered orders show no price at all"
    assert all(
        f["sales"] >= rule.min_sales and f["producers"] >= rule.min_producers
        for f in body["figures"]
    )
    assert body["hidden"] > 0
    page = client.get("/gia-thi-truong/").content.decode()
    assert "Trung vị" in page and format_vnd(body["figures"][0]["median"]) in page


def test_the_demo_has_quantity_prices_and_a_business_buyer_with_offers(client, first_run):
    from orders.cart import Cart
    from wholesale import tiers
    from wholesale.models import Business, PriceTier, QuoteRequest

    assert "bepan" in first_run
    kitchen = Business.objects.get(user__username="bepan")
    assert kitchen.is_approved
    request = QuoteRequest.objects.get(business=kitchen)
    assert request.offers.count() == 2
    tier = PriceTier.objects.filter(public=False).select_related("product").first()
    assert tier is not None and PriceTier.objects.filter(public=True).exists()

    class Session(dict):
        modified = False

    cart = Cart(Session(), kitchen.user)
    cart.put(tier.product, tier.min_quantity)
    assert cart.lines()[0].unit_price_vnd == tier.price_vnd < tier.product.price_vnd
    assert tiers.visible_tiers(tier.product, kitchen.user)


def test_the_demo_has_lots_on_a_third_of_its_products(first_run):
    from catalog.models import Product
    from traceability.services import current_lot

    listed = Product.objects.public().count()
    traced = Product.objects.public().filter(lots__isnull=False).distinct()
    assert traced.count() * 3 >= listed
    assert all(current_lot(product) for product in traced[:10])
    # Their stock is kept by lot: what their lots have left.
    for product in traced[:10]:
        assert product.stock_quantity == sum(lot.remaining for lot in product.lots.all())


def test_the_demo_has_reviews_of_delivered_lines_in_the_json_ld(first_run):
    from marketplace import structured_data
    from reviews.models import Review

    reviews = Review.objects.select_related("line__part", "product")
    assert reviews.count() >= 10
    assert {review.line.part.status for review in reviews} == {"delivered"}
    product = reviews.filter(product__is_listed=True).first().product
    data = structured_data.extended("product", product, {"@type": "Product"})
    assert data["aggregateRating"]["reviewCount"] == product.reviews.filter(hidden_at=None).count()
