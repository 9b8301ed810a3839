"""Harvest-season traffic for Locust, in the proportions of a marketplace's day.

Buyers (most users) browse the home, category and commune pages, search (page and
API), open products, and some put one in the cart and check out with cash on
delivery, then look at the order. Farmers sign in and work their product list
(prices, stock, sold out and back on sale: listing changes) and their orders
inbox. One official keeps refreshing the figures dashboard and the stats API.

Run by bench/load/run.py, which passes the fixture made by prepare.py
(LOAD_FIXTURE) and collects each request type's SQL query counts (X-Queries).
"""

import itertools
import json
import os
import random
from collections import defaultdict
from pathlib import Path

from locust import HttpUser, between, constant, events, task
from phone import CSRF, QUANTITY, cash_on_delivery, trusting

FIXTURE = json.loads(Path(os.environ["LOAD_FIXTURE"]).read_text())
QUERIES = defaultdict(list)  # request name -> SQL query counts
STATUSES = defaultdict(lambda: defaultdict(int))  # request name -> status -> count
SEARCH_BACKENDS = defaultdict(int)  # which backend answered the search API
# request name -> where the page came from: the front cache, the app's page cache, drawn
CACHE = defaultdict(lambda: defaultdict(int))
FARMER_LOGINS = itertools.cycle(FIXTURE["farmers"])
# Every signed-in farmer's request, whatever its name: a stage has too few of each for a p95.
FARMER_MS = []


@events.request.add_listener
def _collect(name, response, exception, response_time=None, **kwargs):
    if name.startswith("farmer") and response_time is not None:
        FARMER_MS.append(response_time)
    if response is not None:
        STATUSES[name][getattr(response, "status_code", 0)] += 1
        headers = getattr(response, "headers", None) or {}
        queries = headers.get("X-Queries")
        if queries:
            QUERIES[name].append(int(queries))
        if headers.get("X-Front-Cache") == "hit":
            CACHE[name]["front"] += 1
        elif headers.get("X-Page-Cache") == "hit":
            CACHE[name]["app"] += 1
        else:
            CACHE[name]["drawn"] += 1


@events.quitting.add_listener
def _write_extra(environment, **kwargs):
    path = os.environ.get("LOAD_EXTRA")
    if path:
        with open(path, "w") as extra:
            json.dump(
                {
                    "queries": {name: sorted(counts) for name, counts in QUERIES.items()},
                    "statuses": {
                        name: {str(code): n for code, n in codes.items()}
                        for name, codes in STATUSES.items()
                    },
                    "search_backends": dict(SEARCH_BACKENDS),
                    "cache": {name: dict(where) for name, where in CACHE.items()},
                    "farmer_ms": sorted(FARMER_MS),
                },
                extra,
            )


class SiteUser(HttpUser):
    abstract = True

    def on_start(self):
        trusting(self.client)
        self.client.headers["Accept-Language"] = "vi"

    def post_form(self, url, data, name, page=None):
        """POST with the CSRF token of `page` (or `url`), as a browser would."""
        form = self.client.get(page or url, name=f"{name} (form)")
        token = CSRF.search(form.text)
        if token:
            data = {**data, "csrfmiddlewaretoken": token.group(1)}
        # A public page's form has no token (the page is the same for everyone): the
        # browser's Origin says the form is this site's.
        headers = {"Referer": self.host + (page or url), "Origin": self.host}
        return self.client.post(url, data=data, headers=headers, name=name)

    def sign_in(self, url, username):
        response = self.post_form(
            url, {"username": username, "password": FIXTURE["password"]}, "sign in"
        )
        if response.status_code != 200 or "dang-nhap" in response.url or "login" in response.url:
            raise RuntimeError(f"{username} could not sign in ({response.status_code})")


class Buyer(SiteUser):
    weight = 12
    wait_time = between(1, 3)

    @task(4)
    def home(self):
        self.client.get("/", name="home")

    @task(3)
    def product(self):
        slug, _pk = random.choice(FIXTURE["products"])
        self.client.get(f"/san-pham/{slug}/", name="product page")

    @task(2)
    def category(self):
        slug = random.choice(FIXTURE["categories"])
        page = random.choice(["", "", "?page=2", "?sort=price"])
        self.client.get(f"/danh-muc/{slug}/{page}", name="category page")

    @task(1)
    def commune(self):
        self.client.get(f"/xa/{random.choice(FIXTURE['communes'])}/", name="commune page")

    @task(2)
    def search_page(self):
        self.client.get(
            "/tim-kiem/", params={"q": random.choice(FIXTURE["search_terms"])}, name="search page"
        )

    @task(1)
    def search_api(self):
        response = self.client.get(
            "/api/v1/products/search",
            params={"q": random.choice(FIXTURE["search_terms"])},
            name="search API",
        )
        if response.status_code == 200:
            SEARCH_BACKENDS[response.json().get("backend", "?")] += 1

    @task(1)
    def buy(self):
        """Product page, into the cart, checkout with cash on delivery, the order's page."""
        slug, pk = random.choice(FIXTURE["products"])
        page = self.client.get(f"/san-pham/{slug}/", name="product page")
        quantity = QUANTITY.search(page.text)
        if not quantity:
            return  # sold out since the fixture was made
        added = self.post_form(
            "/gio-hang/cap-nhat/",
            {"product": pk, "quantity": quantity.group(1)},
            "add to cart",
            page=f"/san-pham/{slug}/",
        )
        if "/gio-hang/" not in added.url:
            return
        placed = self.post_form(
            "/thanh-toan/",
            cash_on_delivery(
                "Nguyễn Thị Tải", random.choice(FIXTURE["commune_codes"]), "12 ấp Mỹ Thuận"
            ),
            "checkout (cash on delivery)",
        )
        if "/don-hang/" in placed.url:
            self.client.get(placed.url, name="order status")


class Farmer(SiteUser):
    weight = 1
    wait_time = between(2, 5)

    def on_start(self):
        super().on_start()
        self.login = next(FARMER_LOGINS)
        self.sign_in("/dang-nhap/", self.login["username"])

    def a_product(self):
        return random.choice(self.login["products"])

    @task(3)
    def products(self):
        self.client.get("/cua-toi/san-pham/", name="farmer: product list")

    def quick_update(self, stock, name):
        """The product list's quick form: a new price, and the stock ("" = not counted)."""
        self.post_form(
            f"/cua-toi/san-pham/{self.a_product()}/cap-nhat-nhanh/",
            {"price_vnd": random.randrange(20_000, 300_000, 1_000), "stock_quantity": stock},
            name,
            page="/cua-toi/san-pham/",
        )

    @task(2)
    def price(self):
        self.quick_update("", "farmer: edit price")

    @task(1)
    def stock(self):
        self.quick_update("500", "farmer: stock update")

    @task(1)
    def sold_out_or_back(self):
        action = random.choice(["het-hang", "dang-ban"])
        self.post_form(
            f"/cua-toi/san-pham/{self.a_product()}/{action}/",
            {},
            "farmer: sold out / back on sale",
            page="/cua-toi/san-pham/",
        )

    @task(2)
    def orders(self):
        self.client.get("/cua-toi/don-hang/", name="farmer: orders inbox")


class Official(SiteUser):
    fixed_count = 1
    wait_time = constant(2)

    def on_start(self):
        super().on_start()
        self.sign_in("/admin/login/", FIXTURE["official"])

    @task(3)
    def dashboard(self):
        self.client.get("/admin/so-lieu/", name="official: dashboard")

    @task(1)
    def stats(self):
        self.client.get("/api/v1/stats/listings?group_by=commune", name="official: stats API")
