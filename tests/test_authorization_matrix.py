"""Every URL pattern of the site × every role, with the answer each role must get.

The patterns are read from the URL conf: a view added later without a rule here
fails `test_every_url_pattern_has_a_rule`. Pages are asked with GET, actions with
POST (each with no or harmless data: refusing is what is tested, not the action).
The project's own admin screens (its viewsets and reports) are generated whole:
no role but officials and administrators may open any of them.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.roles import DIGITAL_TEAM, FARMERS, OFFICIALS
from catalog.models import ListingReport
from complaints.models import Complaint, ComplaintPhoto
from harvests import preorders
from harvests import services as harvest_services
from harvests.models import HarvestAnnouncement, PreOrder
from notifications.models import Message
from orders.cart import CartLine
from orders.services import place_order
from payments.models import Payment, Refund, RefundStatus
from reports.models import Target
from reviews.models import Review
from tests.factories import ProducerFactory, ProductFactory, UserFactory, scanned_certification
from tests.photos import jpeg
from traceability import services as traceability
from traceability.models import Lot
from wholesale import quotes
from wholesale.models import Business, Offer, QuoteRequest

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "buyer", "farmer", "other_farmer", "helper", "official", "admin"]
EVERYONE_OK = ["ok"] * 7
PRIVATE = ["login", "hidden", "ok", "hidden", "ok", "hidden", "hidden"]  # the producer's members
PRIVATE_ACTION = ["login", "hidden", "redirect", "hidden", "redirect", "hidden", "hidden"]
LOGGED_IN = ["login", "ok", "ok", "ok", "ok", "ok", "ok"]

# name: (method, path (filled from the world), expected answer per role in ROLES order).
# "producers:unverified_detail" and "catalog:draft_product" are second rules for a
# pattern that answers differently by object.
RULES = {
    "robots_txt": ("get", "/robots.txt", EVERYONE_OK),
    "manifest": ("get", "/manifest.webmanifest", EVERYONE_OK),
    "favicon": ("get", "/favicon.ico", ["redirect"] * 7),
    "sitemap": ("get", "/sitemap.xml", EVERYONE_OK),
    "sitemap_section": ("get", "/sitemap-products.xml", EVERYONE_OK),
    "api_products_search": ("get", "/api/v1/products/search?q=xoai", EVERYONE_OK),
    "api_producers_search": ("get", "/api/v1/producers/search?q=htx", EVERYONE_OK),
    "api_products_suggest": ("get", "/api/v1/products/suggest?q=xo", EVERYONE_OK),
    "api_stats_listings": ("get", "/api/v1/stats/listings", EVERYONE_OK),
    "api_stats_listings_timeseries": ("get", "/api/v1/stats/listings/timeseries", EVERYONE_OK),
    "api_stats_orders": ("get", "/api/v1/stats/orders", EVERYONE_OK),
    "api_stats_supply": ("get", "/api/v1/stats/supply", EVERYONE_OK),
    "api_prices": ("get", "/api/v1/prices", EVERYONE_OK),
    "prices:board": ("get", "/gia-thi-truong/", EVERYONE_OK),
    "api_openapi": ("get", "/api/v1/openapi.json", EVERYONE_OK),
    "api_not_found": ("get", "/api/v1/khong-co", ["hidden"] * 7),
    "open_data": ("get", "/du-lieu-mo/", EVERYONE_OK),
    "regulations": ("get", "/quy-che/", EVERYONE_OK),
    "privacy": ("get", "/chinh-sach-du-lieu/", EVERYONE_OK),
    "search": ("get", "/tim-kiem/?q=xoai", EVERYONE_OK),
    "statistics": ("get", "/thong-ke/", EVERYONE_OK),
    "start_selling": ("get", "/ban-hang/", EVERYONE_OK),
    "wagtail_serve": ("get", "/", EVERYONE_OK),
    "wagtailcore_login": ("get", "/_util/login/", EVERYONE_OK),
    "wagtailcore_authenticate_with_password": ("get", "/_util/authenticate_with_password/9999/9999/", ["hidden"] * 7),
    "wagtaildocs_serve": ("get", "/documents/9999/x.pdf", ["hidden"] * 7),
    "wagtaildocs_authenticate_with_password": ("get", "/documents/authenticate_with_password/9999/", ["hidden"] * 7),
    "media": ("get", "/media/images/nothing.webp", ["hidden"] * 7),
    # Accounts
    "accounts:sign_up": ("get", "/dang-ky/", EVERYONE_OK),
    "accounts:login": ("get", "/dang-nhap/", ["ok"] + ["redirect"] * 6),
    "accounts:logout": ("post", "/dang-xuat/", ["redirect"] * 7),
    "accounts:password_reset": ("get", "/quen-mat-khau/", EVERYONE_OK),
    "accounts:sign_up_confirm": ("get", "/dang-ky/xac-nhan/", ["redirect"] * 7),  # nothing pending
    "accounts:password_reset_phone_confirm": ("get", "/quen-mat-khau/xac-nhan/", ["redirect"] * 7),
    "accounts:password_reset_email": ("get", "/quen-mat-khau/email/", EVERYONE_OK),
    "accounts:password_reset_done": ("get", "/quen-mat-khau/da-gui/", EVERYONE_OK),
    "accounts:password_reset_confirm": ("get", "/dat-lai-mat-khau/MQ/bad-token/", EVERYONE_OK),
    # Producers
    "producers:portal": ("get", "/cua-toi/", LOGGED_IN),
    "producers:start": ("get", "/cua-toi/nha-san-xuat/moi/", LOGGED_IN),
    "producers:step": ("get", "/cua-toi/nha-san-xuat/{farm}/buoc/1/", PRIVATE),
    "producers:register_household": ("get", "/cua-toi/ho-tro/dang-ky-ho/", ["login", "forbidden", "forbidden", "forbidden", "ok", "forbidden", "forbidden"]),
    # The household has claimed its account: even its helper gets a refusal, not a code.
    "producers:new_claim_code": ("post", "/cua-toi/nha-san-xuat/{farm}/ma-nhan/", ["login", "hidden", "forbidden", "hidden", "redirect", "hidden", "hidden"]),
    "producers:certificate_scan": ("get", "/cua-toi/giay-chung-nhan/{certificate}/", ["login", "hidden", "ok", "hidden", "ok", "ok", "ok"]),
    "producers:claim": ("get", "/nhan-tai-khoan/", EVERYONE_OK),
    "producers:detail": ("get", "/nha-san-xuat/{farm_slug}/", EVERYONE_OK),
    "producers:unverified_detail": ("get", "/nha-san-xuat/{draft_farm_slug}/", ["hidden", "hidden", "ok", "hidden", "ok", "ok", "ok"]),
    # Catalog: the seller portal
    "catalog:portal_list": ("get", "/cua-toi/san-pham/", LOGGED_IN),
    "catalog:portal_create": ("get", "/cua-toi/san-pham/moi/{farm}/", PRIVATE),
    "catalog:portal_edit": ("get", "/cua-toi/san-pham/{product}/sua/", PRIVATE),
    "catalog:portal_photos": ("post", "/cua-toi/san-pham/{product}/anh/", PRIVATE_ACTION),
    "catalog:portal_quick_update": ("post", "/cua-toi/san-pham/{product}/cap-nhat-nhanh/", PRIVATE_ACTION),
    "catalog:portal_duplicate": ("post", "/cua-toi/san-pham/{product}/nhan-ban/", PRIVATE_ACTION),
    "catalog:portal_status": ("post", "/cua-toi/san-pham/{product}/het-hang/", PRIVATE_ACTION),
    # Catalog: public pages; a draft is a preview for its managers and officials only
    "catalog:product": ("get", "/san-pham/{product_slug}/", EVERYONE_OK),
    "catalog:draft_product": ("get", "/san-pham/{draft_slug}/", ["hidden", "hidden", "ok", "hidden", "ok", "ok", "ok"]),
    "catalog:report": ("post", "/san-pham/{product_slug}/bao-cao/", ["redirect"] * 7),
    "catalog:label": ("get", "/san-pham/{product_slug}/nhan.png", EVERYONE_OK),
    "catalog:category": ("get", "/danh-muc/xoai/", EVERYONE_OK),
    "catalog:commune": ("get", "/xa/{commune_slug}/", EVERYONE_OK),
    "catalog:communes": ("get", "/xa/", EVERYONE_OK),
    "catalog:provinces": ("get", "/tinh/", EVERYONE_OK),
    "catalog:province": ("get", "/tinh/{province_slug}/", EVERYONE_OK),
    # Orders: the secret link is the buyer's key; a producer sees only its own part
    "orders:cart": ("get", "/gio-hang/", EVERYONE_OK),
    "orders:cart_put": ("post", "/gio-hang/cap-nhat/", ["redirect"] * 7),
    "orders:checkout": ("get", "/thanh-toan/", ["redirect"] * 7),  # an empty cart goes back
    "orders:my_orders": ("get", "/don-hang/", LOGGED_IN),
    # Accounts without a phone (the buyer here signed up by e-mail, staff) have nothing to set.
    "notifications:preferences": ("get", "/cua-toi/thong-bao/",
                                  ["login", "redirect", "ok", "ok", "ok", "redirect", "redirect"]),
    "orders:lookup": ("get", "/tra-cuu-don-hang/", EVERYONE_OK),
    "orders:lookup_confirm": ("get", "/tra-cuu-don-hang/ma/", ["redirect"] * 7),  # no step 1
    "orders:status": ("get", "/don-hang/{order_code}/{order_secret}/", EVERYONE_OK),
    "orders:status_guessed": ("get", "/don-hang/{order_code}/doan-thu/", ["hidden"] * 7),
    "orders:cancel": ("post", "/don-hang/{order_code}/{order_secret}/huy/", ["redirect"] * 7),
    "orders:buy_again": ("post", "/don-hang/{order_code}/{order_secret}/mua-lai/", ["redirect"] * 7),
    "orders:buy_again_guessed": ("post", "/don-hang/{order_code}/doan-thu/mua-lai/", ["hidden"] * 7),
    "orders:cancel_guessed": ("post", "/don-hang/{order_code}/doan-thu/huy/", ["hidden"] * 7),
    "orders:portal_orders": ("get", "/cua-toi/don-hang/", LOGGED_IN),
    "orders:portal_delivery": ("get", "/cua-toi/nha-san-xuat/{farm}/giao-hang/", PRIVATE),
    "orders:portal_part": ("get", "/cua-toi/don-hang/{part}/", PRIVATE),
    "orders:portal_part_action": ("post", "/cua-toi/don-hang/{part}/xac-nhan/", PRIVATE_ACTION),
    # Payments: Stripe's webhook reads only signed events; the secret link again; the
    # producer's bank account and transfers are its members' alone
    "stripe_webhook": ("post", "/payments/stripe/webhook/", ["status 400"] * 7),
    "payments:pay_by_card": ("post", "/don-hang/{order_code}/{order_secret}/the/", ["redirect"] * 7),
    "payments:pay_by_card_guessed": ("post", "/don-hang/{order_code}/doan-thu/the/", ["hidden"] * 7),
    "payments:card_done": ("get", "/don-hang/{order_code}/{order_secret}/the/xong/", EVERYONE_OK),
    "payments:card_cancelled": ("get", "/don-hang/{order_code}/{order_secret}/the/huy/", EVERYONE_OK),
    "payments:card_done_guessed": ("get", "/don-hang/{order_code}/doan-thu/the/xong/", ["hidden"] * 7),
    "payments:bank_account": ("get", "/cua-toi/nha-san-xuat/{farm}/ngan-hang/", PRIVATE),
    "payments:confirm_transfer": ("post", "/cua-toi/chuyen-khoan/{part}/da-nhan/", PRIVATE_ACTION),
    # Money owed back: the buyer's secret link says where; the producer's members record it
    "payments:return_account": ("post", "/don-hang/{order_code}/{order_secret}/hoan-tien/{owed}/", ["redirect"] * 7),
    "payments:return_account_guessed": ("post", "/don-hang/{order_code}/doan-thu/hoan-tien/{owed}/", ["hidden"] * 7),
    "payments:record_returned": ("post", "/cua-toi/hoan-tien/{owed}/da-gui/", PRIVATE_ACTION),
    # The producer's identity: its members check it (VNeID); the answer comes back signed in
    "compliance:identity": ("get", "/cua-toi/nha-san-xuat/{farm}/danh-tinh/", PRIVATE),
    "compliance:identity_start": ("post", "/cua-toi/nha-san-xuat/{farm}/danh-tinh/vneid/", PRIVATE_ACTION),
    "compliance:identity_return": ("get", "/cua-toi/danh-tinh/vneid/ve/", ["login"] + ["redirect"] * 6),
    "taxes:statement": ("get", "/cua-toi/nha-san-xuat/{farm}/thue/", PRIVATE),
    # Personal data: each signed-in person's own, nobody else's (there is no other's to ask)
    "accounts:accept_regulations": ("get", "/cua-toi/quy-che-moi/", LOGGED_IN),
    "privacy:my_data": ("get", "/cua-toi/du-lieu/", LOGGED_IN),
    "privacy:download": ("post", "/cua-toi/du-lieu/tai-ve/", LOGGED_IN),
    "privacy:consents": ("post", "/cua-toi/du-lieu/dong-y/", ["login"] + ["redirect"] * 6),
    "privacy:erasure": ("post", "/cua-toi/du-lieu/xoa/", LOGGED_IN),  # unconfirmed: the form again
    # Complaints: the buyer's by the order's secret link (this part is not delivered: the
    # page says why not); the producer's members answer; the photos are theirs and officials'
    "complaints:open": ("get", "/don-hang/{order_code}/{order_secret}/khieu-nai/moi/{part}/", EVERYONE_OK),
    "complaints:accept": ("post", "/don-hang/{order_code}/{order_secret}/khieu-nai/{complaint}/chap-nhan/", ["redirect"] * 7),
    "complaints:mediation": ("post", "/don-hang/{order_code}/doan-thu/khieu-nai/{complaint}/nho-can-bo/", ["hidden"] * 7),
    "complaints:answer": ("get", "/cua-toi/khieu-nai/{complaint}/", PRIVATE),
    "complaints:photo": ("get", "/cua-toi/khieu-nai/anh/{complaint_photo}/", ["login", "hidden", "ok", "hidden", "ok", "ok", "ok"]),
    # Harvests: the producer's members announce, report and weigh; the buyer's secret link
    # refuses a weight (this one is not weighed yet: the page says so)
    "harvests:upcoming": ("get", "/sap-thu-hoach/", EVERYONE_OK),
    "harvests:preorder": ("get", "/sap-thu-hoach/{harvest}/", EVERYONE_OK),
    "harvests:portal_list": ("get", "/cua-toi/thu-hoach/", LOGGED_IN),
    "harvests:portal_create": ("get", "/cua-toi/thu-hoach/moi/{product}/", PRIVATE),
    "harvests:portal_edit": ("get", "/cua-toi/thu-hoach/{harvest}/sua/", PRIVATE),
    "harvests:portal_withdraw": ("post", "/cua-toi/thu-hoach/{harvest}/rut/", PRIVATE_ACTION),
    "harvests:portal_harvest": ("post", "/cua-toi/thu-hoach/{harvest}/da-thu-hoach/", PRIVATE_ACTION),
    "harvests:portal_weigh": ("post", "/cua-toi/thu-hoach/{harvest}/can/{preorder}/", PRIVATE_ACTION),
    "harvests:refuse_weight": ("post", "/don-hang/{preorder_code}/{preorder_secret}/tu-choi-can/{preorder}/", ["redirect"] * 7),
    "harvests:refuse_weight_guessed": ("post", "/don-hang/{preorder_code}/doan-thu/tu-choi-can/{preorder}/", ["hidden"] * 7),
    # Wholesale: the buyer is an approved business; its requests, offers and standing
    # orders are its own and those of the producers asked
    "wholesale:home": ("get", "/cua-toi/mua-si/", ["login", "ok"] + ["redirect"] * 5),
    "wholesale:register": ("get", "/cua-toi/mua-si/dang-ky/", ["login", "redirect"] + ["ok"] * 5),
    "wholesale:request_new": ("get", "/cua-toi/mua-si/yeu-cau-moi/", ["login", "ok"] + ["forbidden"] * 5),
    "wholesale:request": ("get", "/cua-toi/mua-si/yeu-cau/{quote}/", ["login", "ok"] + ["hidden"] * 5),
    "wholesale:request_close": ("post", "/cua-toi/mua-si/yeu-cau/{quote}/dong/", ["login", "redirect"] + ["hidden"] * 5),
    "wholesale:offer_accept": ("post", "/cua-toi/mua-si/bao-gia/{offer}/chon/", ["login", "redirect"] + ["hidden"] * 5),
    "wholesale:standing_change": ("post", "/cua-toi/dat-dinh-ky/{standing}/pause/", ["login", "redirect", "redirect", "hidden", "redirect", "hidden", "hidden"]),
    "wholesale:producer_requests": ("get", "/cua-toi/yeu-cau-bao-gia/", LOGGED_IN),
    "wholesale:producer_request": ("get", "/cua-toi/yeu-cau-bao-gia/{quote}/", PRIVATE),
    "wholesale:tiers": ("get", "/cua-toi/gia-si/{product}/", PRIVATE),
    # Traceability: a lot's page, label and GS1 Digital Link are public; its producer records lots
    "traceability:lot": ("get", "/truy-xuat/{lot}/", EVERYONE_OK),
    "traceability:label": ("get", "/truy-xuat/{lot}/nhan.png", EVERYONE_OK),
    "traceability:digital_link": ("get", "/01/{gtin}/10/{lot}", ["redirect"] * 7),
    "reviews:write": ("get", "/don-hang/{order_code}/{order_secret}/danh-gia/{line}/", EVERYONE_OK),
    "reviews:report": ("post", "/danh-gia/{review}/bao-cao/", ["redirect"] * 7),
    "reviews:portal": ("get", "/cua-toi/danh-gia/", LOGGED_IN),
    "reviews:answer": ("post", "/cua-toi/danh-gia/{review}/tra-loi/", PRIVATE_ACTION),
    "traceability:portal_lots": ("get", "/cua-toi/lo-hang/{product}/", PRIVATE),
}  # fmt: skip
PROJECT_ADMIN_NAMESPACES = (
    "area_grants",
    "products_admin",
    "listing_reports_admin",
    "producers_admin",
    "listing_figures",
    "listing_targets",
    "orders_admin",
    "payments_admin",
    "refunds_admin",
    "payouts_admin",
    "payments_refund",
    "payments_owed",
    "payments_owed_results",
    "notifications_admin",
    "identity_admin",
    "identity_expired",
    "identity_card_photo",
    "takedowns_admin",
    "tax_withheld_admin",
    "tax_rates_admin",
    "tax_seller_kinds_admin",
    "tax_categories_admin",
    "taxes_declaration",
    "taxes_declaration_results",
    "data_requests_admin",
    "breaches_admin",
    "complaints_admin",
    "supply_outlook",
    "harvest_announcements",
    "business_buyers",
    "standing_orders",
    "reviews_admin",
)


def url_patterns(patterns=None, prefix="", namespace=None):
    """(route, name) of every pattern, namespaced like reverse() wants them."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield (
                prefix + str(pattern.pattern),
                name or ("media" if "media" in str(pattern.pattern) else None),
            )


def is_project_admin(name):
    return bool(name) and name.split(":")[0] in PROJECT_ADMIN_NAMESPACES


@pytest.fixture
def world(farmer, other_farmer, helper, official, buyer, cai_be, demo_site):
    farm = ProducerFactory(owner=farmer, helper=helper, commune=cai_be)
    draft_farm = ProducerFactory(owner=farmer, helper=helper, status="draft")
    product = ProductFactory(producer=farm, origin_commune=cai_be)
    draft = ProductFactory(producer=farm, status="draft")
    certificate = scanned_certification(farm)
    report = ListingReport.objects.create(product=product, reason="other", details="?")
    target = Target.objects.create(
        name="2.300 sản phẩm", metric="listed_products", value=2300,
        period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31),
    )  # fmt: skip
    # other_farmer sells the order's other part: the producer of another part.
    theirs = ProductFactory(producer=ProducerFactory(owner=other_farmer, commune=cai_be))
    order = place_order(
        [CartLine(p, Decimal("1"), p.price_vnd) for p in (product, theirs)],
        buyer_name="Mai", buyer_phone="+84903000000", commune=cai_be, address="Ấp 1",
    )  # fmt: skip
    our_part = order.parts.get(producer=farm)
    transfer = Payment.objects.create(
        order=order, part=our_part, method="bank_transfer", amount_vnd=our_part.total_vnd,
        status="paid", paid_at=timezone.now(), expires_at=timezone.now(),
    )  # fmt: skip
    owed = Refund.objects.create(
        payment=transfer, part=our_part, amount_vnd=our_part.total_vnd, reason="Hủy",
        status=RefundStatus.OWED,
    )  # fmt: skip
    complaint = Complaint.objects.create(part=our_part, reason="other", text="?",
                                         answer_due_at=timezone.now())  # fmt: skip
    complaint_photo = ComplaintPhoto.objects.create(complaint=complaint, image=jpeg())
    harvest = harvest_services.save_new(HarvestAnnouncement(
        product=product, expected_quantity=100, open_quantity=50, price_vnd=90_000,
        window_start=timezone.localdate() + datetime.timedelta(days=10),
        window_end=timezone.localdate() + datetime.timedelta(days=20),
    ))  # fmt: skip
    preordered = preorders.place(harvest.pk, Decimal("2"), buyer_name="Lan", commune=cai_be,
                                 buyer_phone="+84903000009", address="Ấp 2")  # fmt: skip
    preorder = PreOrder.objects.get(line__part__order=preordered)
    business = Business.objects.create(
        user=buyer, kind="kitchen", name="Bếp ăn", tax_code="0312687878", contact_name="Hạnh",
        phone="+84903555001", commune=cai_be, address="Ấp 1", status="approved",
    )  # fmt: skip
    quote = quotes.post_request(buyer, QuoteRequest(
        category=product.category, quantity=Decimal("200"), unit="kg", schedule="weekly",
        deliver_on=timezone.localdate() + datetime.timedelta(days=10), commune=cai_be,
        address="Ấp 1"), chosen=[farm])  # fmt: skip
    offer = quotes.make_offer(quote, farm, Offer(
        product=product, price_vnd=100_000, quantity=Decimal("200"), deliver_on=quote.deliver_on,
        valid_until=timezone.now() + datetime.timedelta(days=2)), farmer)  # fmt: skip
    standing = quotes.accept(offer, buyer)
    traced = traceability.record_lot(product, Lot(
        harvested_on=timezone.localdate(), packed_on=timezone.localdate(),
        best_before=timezone.localdate() + datetime.timedelta(days=9),
        harvested_quantity=Decimal("10"), quantity=Decimal("10")), farmer)  # fmt: skip
    gtin = traceability.set_gtin(product, "8935049500018", farmer)
    our_line = our_part.lines.get()
    review = Review.objects.create(line=our_line, product=product, producer=farm,
                                   author_name="Mai", stars=4)  # fmt: skip
    users = {
        "anonymous": None,
        "buyer": buyer,
        "farmer": farmer,
        "other_farmer": other_farmer,
        "helper": helper,
        "official": official,
        "admin": UserFactory(username="quantri", is_superuser=True, is_staff=True),
    }
    values = {
        "farm": farm.pk,
        "farm_slug": farm.slug,
        "draft_farm_slug": draft_farm.slug,
        "product": product.pk,
        "product_slug": product.slug,
        "draft_slug": draft.slug,
        "certificate": certificate.pk,
        "commune_slug": cai_be.slug,
        "province_slug": cai_be.province.slug,
        "order_code": order.code,
        "order_secret": order.secret,
        "part": our_part.pk,
        "owed": owed.pk,
        "complaint": complaint.pk,
        "complaint_photo": complaint_photo.pk,
        "harvest": harvest.pk,
        "preorder": preorder.pk,
        "preorder_code": preordered.code,
        "preorder_secret": preordered.secret,
        "quote": quote.pk,
        "offer": offer.pk,
        "standing": standing.pk,
        "lot": traced.code,
        "gtin": gtin,
        "line": our_line.pk,
        "review": review.pk,
    }
    admin_objects = {
        "products_admin": product.pk,
        "listing_reports_admin": report.pk,
        "producers_admin": farm.pk,
        "listing_targets": target.pk,
        "orders_admin": order.pk,
        "complaints_admin": complaint.pk,
        "harvest_announcements": harvest.pk,
        "business_buyers": business.pk,
        "standing_orders": standing.pk,
        "reviews_admin": review.pk,
        "notifications_admin": Message.objects.filter(phone="+84903000000").first().pk,
    }
    return users, values, admin_objects


def outcome(response):
    if response.status_code in (301, 302):
        location = response["Location"]
        return "login" if "/dang-nhap/" in location or "/login/" in location else "redirect"
    return {200: "ok", 403: "forbidden", 404: "hidden", 405: "not allowed"}.get(
        response.status_code, f"status {response.status_code}"
    )


def test_every_url_pattern_has_a_rule():
    unruled = [
        (route, name)
        for route, name in url_patterns()
        if not route.startswith("admin/") and name not in RULES
    ]
    assert unruled == [], "add these views to RULES with the answer each role must get"


def act_as(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


def client_as(user):
    """A client of its own for `user` (None: a stranger), signed in once."""
    client = Client()
    act_as(client, user)
    return client


@pytest.mark.parametrize("name", RULES)
def test_each_role_gets_the_answer_its_rule_says(client, world, name):
    users, values, _ = world
    method, path, expected = RULES[name]
    answers = []
    for role in ROLES:
        act_as(client, users[role])
        answers.append(outcome(getattr(client, method)(path.format(**values))))
    assert dict(zip(ROLES, answers, strict=True)) == dict(zip(ROLES, expected, strict=True))


def test_only_officials_and_administrators_open_the_projects_admin_screens(world):
    users, _, admin_objects = world
    routes = [(route, name) for route, name in url_patterns() if is_project_admin(name)]
    assert len(routes) > 20  # the viewsets, reports and dashboard were all found
    clients = {role: client_as(users[role]) for role in ROLES}  # a sign-in per screen is slow
    for route, name in routes:
        path = "/" + re.sub(
            r"<(?:\w+:)?(\w+)>",
            lambda match, name=name: str(
                admin_objects.get(name.split(":")[0], 1) if match.group(1) == "pk" else "x"
            ),
            route,
        )
        for role in ROLES:
            answer = outcome(clients[role].get(path))
            if role in ("official", "admin"):
                assert not answer.startswith("status 5"), (path, role, answer)
            else:
                assert answer in ("login", "forbidden", "hidden", "redirect"), (path, role, answer)
                assert answer != "ok"


def test_the_roles_are_the_sites_groups(world):
    users, _, _ = world
    assert users["farmer"].groups.filter(name=FARMERS).exists()
    assert users["helper"].groups.filter(name=DIGITAL_TEAM).exists()
    assert users["official"].groups.filter(name=OFFICIALS).exists()
